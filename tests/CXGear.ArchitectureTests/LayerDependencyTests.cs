using System.Reflection;
using NetArchTest.Rules;

namespace CXGear.ArchitectureTests;

public sealed class LayerDependencyTests
{
    [Test]
    public void Domain_depends_on_no_other_layer_nor_on_frameworks()
    {
        AssertNoDependency(
            Layers.Domain,
            "CXGear.Application", "CXGear.Infrastructure", "CXGear.Api", "CXGear.Csv", "nietras.SeparatedValues", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore");
    }

    /// <summary>The CSV dialect is shared by the API and the tool, so it stands on Sep alone, below every layer.</summary>
    [Test]
    public void Csv_depends_on_no_project_layer_nor_on_frameworks()
    {
        AssertNoDependency(
            Layers.Csv,
            "CXGear.Domain", "CXGear.Application", "CXGear.Infrastructure", "CXGear.Api", "CXGear.Client", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore");
    }

    /// <summary>The tool talks to the API over HTTP only: the client and the shared CSV reader, never the server's layers.</summary>
    [Test]
    public void The_tool_depends_on_no_server_layer()
    {
        AssertNoDependency(Layers.Cli, "CXGear.Domain", "CXGear.Application", "CXGear.Infrastructure", "CXGear.Api");
    }

    [Test]
    public void Application_depends_on_neither_infrastructure_nor_api_nor_aspnetcore()
    {
        AssertNoDependency(Layers.Application, "CXGear.Infrastructure", "CXGear.Api", "Microsoft.AspNetCore");
    }

    [Test]
    public void Infrastructure_does_not_depend_on_the_api()
    {
        AssertNoDependency(Layers.Infrastructure, "CXGear.Api");
    }

    /// <summary>
    /// Proves the checker sees real dependencies in these assemblies, so the rules above cannot pass
    /// merely because nothing was scanned.
    /// </summary>
    [TestCase("Api", "CXGear.Infrastructure")]
    [TestCase("Api", "Microsoft.AspNetCore")]
    [TestCase("Application", "Microsoft.EntityFrameworkCore")]
    [TestCase("Application", "CXGear.Domain")]
    [TestCase("Infrastructure", "CXGear.Application")]
    [TestCase("Application", "CXGear.Csv")]
    [TestCase("Csv", "nietras.SeparatedValues")]
    [TestCase("Cli", "CXGear.Csv")]
    [TestCase("Cli", "CXGear.Client")]
    public void The_checker_detects_dependencies_that_exist(string layer, string dependency)
    {
        var assembly = layer switch
        {
            "Api" => Layers.Api,
            "Application" => Layers.Application,
            "Csv" => Layers.Csv,
            "Cli" => Layers.Cli,
            _ => Layers.Infrastructure,
        };

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(dependency).GetResult();

        Assert.That(result.IsSuccessful, Is.False, $"{layer} is known to use {dependency}; the checker missed it");
    }

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        var offenders = (result.FailingTypes ?? []).Select(t => t.FullName).Order(StringComparer.Ordinal);
        Assert.That(
            result.IsSuccessful,
            Is.True,
            $"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}; offending types: {string.Join(", ", offenders)}");
    }
}
