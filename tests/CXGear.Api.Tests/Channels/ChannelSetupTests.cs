using System.Net;
using CXGear.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// In production the callback URL is built from <c>PUBLIC_API_URL</c> only, never from the Host header a client sent
/// (without the setting the API does not start at all: <c>PublicApiUrlProductionTests</c>).
/// </summary>
public sealed class ChannelConnectInProductionTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["environment"] = "Production";
        factory.Settings["PUBLIC_API_URL"] = "https://api.cxgear.test";
        factory.Settings["Channels:WhatsApp:AppId"] = "1234567890";
        factory.Settings["Channels:WhatsApp:AppSecret"] = "meta-app-secret";
    }

    [Test]
    public async Task The_redirect_uri_comes_from_PUBLIC_API_URL_whatever_Host_the_request_names()
    {
        var admin = await SignUpAsync();
        var request = Request(HttpMethod.Post, "/api/v1/channels/whatsapp/connect", token: admin.AccessToken);
        request.Headers.Host = "evil.example";

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var authorize = new Uri((string)(await JsonAsync(response))["authorizeUrl"]!);
        var redirect = System.Web.HttpUtility.ParseQueryString(authorize.Query)["redirect_uri"];
        Assert.That(redirect, Is.EqualTo("https://api.cxgear.test/api/v1/channels/whatsapp/oauth/callback"));
        Assert.That(await Seed.CountAsync(Factory, db => db.ChannelConnectStates.IgnoreQueryFilters()), Is.EqualTo(1));
    }
}

/// <summary>A deployment with no Meta app configured refuses to start a connection.</summary>
public sealed class ChannelsNotConfiguredTests : ApiTestBase
{
    [Test]
    public async Task Connect_is_409_CONFLICT_naming_the_missing_settings()
    {
        var admin = await SignUpAsync();

        var response = await PostAsync("/api/v1/channels/whatsapp/connect", token: admin.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.That((string?)problem["message"], Does.Contain("Channels:WhatsApp:AppId"));
    }
}
