using CXGear.ClientGen;

namespace CXGear.Client.Tests;

/// <summary>
/// The committed generated client is exactly what the generator makes of docs/openapi.json today. When this fails, the
/// document changed without the client: run <c>dotnet pwsh ./build.ps1 client</c> and commit the result.
/// </summary>
public sealed class ClientCodeDriftTests
{
    [Test]
    public async Task The_generated_client_matches_the_openapi_snapshot()
    {
        var root = ClientCode.RepositoryRoot();
        var document = await File.ReadAllTextAsync(Path.Combine(root, ClientCode.DocumentPath));
        var committed = (await File.ReadAllTextAsync(Path.Combine(root, ClientCode.GeneratedPath))).ReplaceLineEndings("\n");

        var regenerated = await ClientCode.GenerateAsync(document);

        Assert.That(regenerated == committed, Is.True,
            $"{ClientCode.GeneratedPath} is out of date with {ClientCode.DocumentPath}; run `dotnet pwsh ./build.ps1 client`. First difference near: "
            + FirstDifference(committed, regenerated));
    }

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        var start = Math.Max(0, a.LastIndexOf('\n', Math.Max(0, i - 1)) + 1);
        return $"line {a[..Math.Min(i, a.Length)].Count(c => c == '\n') + 1}: \"{b.Substring(start, Math.Min(120, b.Length - start))}\"";
    }
}
