using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.DataTables;

/// <summary>
/// docs/api.md#configuration: in Production a table's webhook URL (which carries its token) is built from
/// <c>PUBLIC_API_URL</c> only, never from a Host header a client chose; the API refuses to start without it there.
/// </summary>
public sealed class PublicApiUrlProductionTests : DataTablesTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.EnvironmentName = "Production";
        factory.Settings["PUBLIC_API_URL"] = "https://api.cxgear.test";
    }

    [Test]
    public async Task A_forged_host_header_never_reaches_the_webhook_url()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name"]);
        var rotate = Request(HttpMethod.Post, $"/api/v1/data-tables/{table}/ingest-webhook/rotate", token: admin.AccessToken);
        rotate.Headers.Host = "evil.example";

        var rotated = await Client.SendAsync(rotate);

        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotated.Content.ReadAsStringAsync());
        var body = await JsonAsync(rotated);
        Assert.That((string?)body["url"], Is.EqualTo("https://api.cxgear.test/api/v1/public/data-tables/ingest/" + (string?)body["token"]));
    }
}

public sealed class PublicApiUrlConfigurationTests
{
    [Test]
    public void Production_without_PUBLIC_API_URL_refuses_to_start()
    {
        using var factory = new CXGearApiFactory { EnvironmentName = "Production" };

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("PUBLIC_API_URL"));
    }

    [Test]
    public async Task Production_accepts_the_PublicApiUrl_spelling()
    {
        using var factory = new CXGearApiFactory { EnvironmentName = "Production" };
        factory.Settings["PublicApiUrl"] = "https://api.cxgear.test";
        using var client = factory.CreateClient();

        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("api.cxgear.test")]
    [TestCase("ftp://api.cxgear.test")]
    [TestCase("https://api.cxgear.test/?tenant=1")]
    public void A_public_url_that_is_not_an_http_base_url_refuses_to_start(string url)
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["PUBLIC_API_URL"] = url;

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("PUBLIC_API_URL").And.Contain(url));
    }
}
