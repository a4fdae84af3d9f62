using System.Text;
using System.Text.Json.Nodes;

namespace CXGear.Api.Tests.OpenApi;

/// <summary>
/// The committed contract, <c>docs/openapi.json</c>: where it lives, how a fresh document is compared with it, and how
/// it is rewritten (<c>CXGEAR_UPDATE_OPENAPI=1</c>, which <c>build.ps1 openapi</c> sets).
/// </summary>
internal static class OpenApiSnapshot
{
    public const string UpdateVariable = "CXGEAR_UPDATE_OPENAPI";
    public const string RefreshHint = "Refresh it with `dotnet pwsh ./build.ps1 openapi` (or CXGEAR_UPDATE_OPENAPI=1 dotnet test tests/CXGear.Api.Tests --filter FullyQualifiedName~OpenApi) and commit the diff.";

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    public static string FilePath => Path.Combine(RepositoryRoot(), "docs", "openapi.json");

    /// <summary>LF line endings and one final newline, whatever the platform or checkout did to either side.</summary>
    public static string Normalize(string json) => json.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    /// <summary>A readable account of how <paramref name="actual"/> differs from the snapshot: paths gone and new, then the first differing lines.</summary>
    public static string Describe(string expected, string actual)
    {
        var text = new StringBuilder("The OpenAPI document differs from docs/openapi.json. ").AppendLine(RefreshHint);
        var before = Paths(expected);
        var after = Paths(actual);
        foreach (var path in before.Except(after))
        {
            text.AppendLine($"  - removed {path}");
        }

        foreach (var path in after.Except(before))
        {
            text.AppendLine($"  + added   {path}");
        }

        var old = expected.Split('\n');
        var now = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(old.Length, now.Length)).FirstOrDefault(i => old[i] != now[i], Math.Min(old.Length, now.Length));
        text.AppendLine($"First difference at line {first + 1} (snapshot {old.Length} lines, generated {now.Length}):");
        for (var i = Math.Max(0, first - 3); i < Math.Min(Math.Max(old.Length, now.Length), first + 4); i++)
        {
            var a = i < old.Length ? old[i] : "<end>";
            var b = i < now.Length ? now[i] : "<end>";
            text.AppendLine(a == b ? $"    {i + 1,6}   {a}" : $"  - {i + 1,6}   {a}\n  + {i + 1,6}   {b}");
        }

        return text.ToString();
    }

    private static IReadOnlyList<string> Paths(string json)
    {
        try
        {
            var paths = JsonNode.Parse(json)?["paths"]?.AsObject() ?? [];
            return [.. paths.SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CXGear.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CXGear.sln not found above " + AppContext.BaseDirectory);
    }
}
