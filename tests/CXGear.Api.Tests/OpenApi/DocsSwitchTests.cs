using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.OpenApi;

/// <summary>docs/api.md#configuration: <c>Docs:Enabled</c> (default true) serves Swagger UI and the document at /docs.</summary>
public sealed class DocsOffTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Docs:Enabled"] = "false";

    [TestCase("/docs")]
    [TestCase("/docs/index.html")]
    [TestCase("/docs/openapi.json")]
    public async Task With_docs_off_every_docs_path_is_404(string path)
    {
        await AssertProblemAsync(await GetAsync(path), HttpStatusCode.NotFound, "NOT_FOUND");
    }
}

public sealed class DocsOnTests : ApiTestBase
{
    [TestCase("/docs/index.html", "text/html")]
    [TestCase("/docs/openapi.json", "application/json")]
    public async Task By_default_the_docs_are_served(string path, string mediaType)
    {
        var response = await GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
    }
}
