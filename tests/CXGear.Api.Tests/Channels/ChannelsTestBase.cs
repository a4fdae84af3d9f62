using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Runtime;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// A host whose <c>Channels:WhatsApp</c> endpoints point at a <see cref="FakeGraphApi"/> on a local port, and helpers
/// that connect a business as a browser would: connect, follow the authorize URL's state back to the callback.
/// </summary>
public abstract class ChannelsTestBase : RuntimeTestBase
{
    protected const string AppSecret = "meta-app-secret-0123456789";
    protected const string VerifyToken = "verify-me-please";
    protected const string PublicApiUrl = "https://api.cxgear.test";
    protected const string CallbackUrl = PublicApiUrl + "/api/v1/channels/whatsapp/oauth/callback";
    protected const string IntegrationsPage = "https://app.cxgear.test/integrations/whatsapp";

    private HttpClient? _browser;

    private protected FakeGraphApi Graph { get; private set; } = null!;

    /// <summary>A client that does not follow redirects, so the callback's 302 can be read.</summary>
    protected HttpClient Browser => _browser ??= Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void Configure(CXGearApiFactory factory)
    {
        Graph = FakeGraphApi.StartAsync().GetAwaiter().GetResult();
        factory.Settings["Channels:WhatsApp:AppId"] = "1234567890";
        factory.Settings["Channels:WhatsApp:AppSecret"] = AppSecret;
        factory.Settings["Channels:WhatsApp:VerifyToken"] = VerifyToken;
        factory.Settings["Channels:WhatsApp:ConfigId"] = "cfg-42";
        factory.Settings["Channels:WhatsApp:AuthorizeUrl"] = "https://www.facebook.test/v21.0/dialog/oauth";
        factory.Settings["Channels:WhatsApp:GraphBaseUrl"] = Graph.BaseUrl;
        factory.Settings["PUBLIC_API_URL"] = PublicApiUrl;

        // Retries of 5xx and 429 are real waits; keep them short here.
        factory.Settings["Runtime:Outbound:RetryBaseDelayMilliseconds"] = "1";
        ConfigureMore(factory);
    }

    protected virtual void ConfigureMore(CXGearApiFactory factory)
    {
    }

    [OneTimeTearDown]
    public async Task StopGraphAsync()
    {
        _browser?.Dispose();
        await Graph.StopAsync();
    }

    protected Task<HttpResponseMessage> ConnectRawAsync(string? token) => PostAsync("/api/v1/channels/whatsapp/connect", token: token);

    protected async Task<JsonNode> ConnectAsync(string token)
    {
        var response = await ConnectRawAsync(token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    /// <summary>Meta's redirect back to us; returns where we sent the browser.</summary>
    protected async Task<Uri> CallbackAsync(string? code, string? state, string? wabaId = null, string? error = null, string? token = null)
    {
        var query = HttpUtility.ParseQueryString(string.Empty);
        if (code is not null)
        {
            query["code"] = code;
        }

        if (state is not null)
        {
            query["state"] = state;
        }

        if (wabaId is not null)
        {
            query["waba_id"] = wabaId;
        }

        if (error is not null)
        {
            query["error"] = error;
            query["error_reason"] = "user_denied";
        }

        var request = Request(HttpMethod.Get, "/api/v1/channels/whatsapp/oauth/callback?" + query, token: token);
        var response = await Browser.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>The redirect's reason, or "connected".</summary>
    protected static string Outcome(Uri location)
    {
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(IntegrationsPage));
        var query = HttpUtility.ParseQueryString(location.Query);
        return query["status"] == "connected" ? "connected" : $"{query["status"]}:{query["reason"]}";
    }

    /// <summary>Connects a new business of <paramref name="numbers"/> numbers for the signed-in admin; returns it.</summary>
    private protected async Task<FakeGraphApi.Business> ConnectBusinessAsync(Signed admin, int numbers = 1)
    {
        var business = Graph.AddBusiness(numbers);
        var state = (string)(await ConnectAsync(admin.AccessToken))["state"]!;
        Assert.That(Outcome(await CallbackAsync(business.Code, state)), Is.EqualTo("connected"));
        return business;
    }

    protected async Task<JsonNode[]> ChannelsAsync(string token)
    {
        var response = await GetAsync("/api/v1/channels", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(i => i!).ToArray();
    }

    protected async Task<long> ChannelsMeterAsync(string token)
    {
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", token));
        return (long)billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == "channels")!["used"]!;
    }

    /// <summary>A webhook POST signed with the app secret, as Meta sends it.</summary>
    protected Task<HttpResponseMessage> PostWebhookAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/channels/whatsapp/webhook") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", WhatsAppWebhookTests.Sign(body));
        return Client.SendAsync(request);
    }

    protected async Task<Signed> MemberWithAsync(Signed admin, params string[] permissions)
    {
        var role = await Seed.RoleAsync(Factory, admin.OrganizationId, permissions);
        var email = UniqueEmail("member");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, role);
        return await LoginAsync(email);
    }
}
