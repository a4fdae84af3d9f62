using System.Reflection;

namespace CXGear.ArchitectureTests;

/// <summary>The production assemblies, reached through one public type each (the tool, an executable, by its name).</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Domain.Organizations.Organization).Assembly;
    public static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Program).Assembly;
    public static readonly Assembly Csv = typeof(CXGear.Csv.CsvRecordReader).Assembly;
    public static readonly Assembly Cli = Assembly.Load("cxgear");
}
