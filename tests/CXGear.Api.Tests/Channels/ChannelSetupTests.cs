using System.Net;
using CXGear.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// In production the callback URL is built from <c>PUBLIC_API_URL</c> only: without it, connecting is refused with a
/// message naming the setting, rather than trusting the Host header a client sent.
/// </summary>
public sealed class ChannelConnectInProductionTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["environment"] = "Production";
        factory.Settings["Channels:WhatsApp:AppId"] = "1234567890";
        factory.Settings["Channels:WhatsApp:AppSecret"] = "meta-app-secret";
    }

    [Test]
    public async Task Without_PUBLIC_API_URL_connect_is_409_CONFLICT_explaining_the_setting_and_stores_no_state()
    {
        var admin = await SignUpAsync();

        var response = await Client.SendAsync(Request(HttpMethod.Post, "/api/v1/channels/whatsapp/connect", token: admin.AccessToken));

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        Assert.That((string?)problem["message"], Does.Contain("PUBLIC_API_URL").And.Contain("/api/v1/channels/whatsapp/oauth/callback"));
        Assert.That(await Seed.CountAsync(Factory, db => db.ChannelConnectStates.IgnoreQueryFilters()), Is.Zero);
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
