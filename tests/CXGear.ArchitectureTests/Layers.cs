using System.Reflection;

namespace CXGear.ArchitectureTests;

/// <summary>The four production assemblies, reached through one public type each.</summary>
internal static class Layers
{
    public static readonly Assembly Domain = typeof(Domain.Organizations.Organization).Assembly;
    public static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Program).Assembly;
}
