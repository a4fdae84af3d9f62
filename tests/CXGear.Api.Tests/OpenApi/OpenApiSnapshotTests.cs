using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.OpenApi;

/// <summary>
/// The served document is the committed contract: any change to a route, schema or error list shows up as a diff of
/// docs/openapi.json in review, and the snapshot cannot drift from the code.
/// </summary>
public sealed class OpenApiSnapshotTests : ApiTestBase
{
    [Test]
    public async Task The_document_matches_the_committed_snapshot()
    {
        var response = await GetAsync("/docs/openapi.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var actual = OpenApiSnapshot.Normalize(await response.Content.ReadAsStringAsync());
        var path = OpenApiSnapshot.FilePath;
        var expected = File.Exists(path) ? OpenApiSnapshot.Normalize(await File.ReadAllTextAsync(path)) : string.Empty;

        if (OpenApiSnapshot.UpdateRequested)
        {
            if (actual != expected)
            {
                await File.WriteAllTextAsync(path, actual);
            }

            Assert.Pass(actual == expected ? "docs/openapi.json is up to date." : "docs/openapi.json rewritten; review and commit it.");
        }

        Assert.That(actual == expected, expected.Length == 0 ? $"docs/openapi.json is missing. {OpenApiSnapshot.RefreshHint}" : OpenApiSnapshot.Describe(expected, actual));
    }

    [Test]
    public async Task The_document_is_the_same_on_every_request_and_host()
    {
        var first = await (await GetAsync("/docs/openapi.json")).Content.ReadAsStringAsync();
        using var other = new CXGearApiFactory();
        using var client = other.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.example.test:8443") });
        var second = await client.GetStringAsync("/docs/openapi.json");

        Assert.That(second, Is.EqualTo(first), "no host, port, time or discovery order may leak into the document");
        Assert.That(first, Does.Not.Contain("example.test"));
        Assert.That((string?)System.Text.Json.Nodes.JsonNode.Parse(first)!["servers"]![0]!["url"], Is.EqualTo("/"));
    }
}
