using System.Net;
using System.Web;
using CXGear.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CXGear.Api.Tests.Auth.Google;

/// <summary>
/// A host whose <c>Auth:Google</c> authority is a <see cref="FakeOpenIdProvider"/> on a local port, and helpers that
/// sign in as a browser would: start, read the authorization URL, consent at the fake, follow its redirect back to
/// the callback with the state cookie, and read where the callback sent the browser.
/// </summary>
public abstract class GoogleSignInTestBase : ApiTestBase
{
    protected const string PublicApiUrl = "https://api.cxgear.test";
    protected const string CallbackUrl = PublicApiUrl + "/api/v1/auth/google/callback";
    protected const string LoginPage = "https://app.cxgear.test/login";

    private HttpClient? _browser;

    private protected FakeOpenIdProvider Google { get; private set; } = null!;

    /// <summary>A client that does not follow redirects (nor keep cookies), so each 302 and cookie can be read.</summary>
    protected HttpClient Browser => _browser ??= Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    protected override void Configure(CXGearApiFactory factory)
    {
        Google = FakeOpenIdProvider.StartAsync(() => factory.Clock.GetUtcNow()).GetAwaiter().GetResult();
        factory.Settings["Auth:Google:ClientId"] = FakeOpenIdProvider.ClientId;
        factory.Settings["Auth:Google:ClientSecret"] = FakeOpenIdProvider.ClientSecret;
        factory.Settings["Auth:Google:Authority"] = Google.BaseUrl;
        factory.Settings["PUBLIC_API_URL"] = PublicApiUrl;
        ConfigureMore(factory);
    }

    protected virtual void ConfigureMore(CXGearApiFactory factory)
    {
    }

    [OneTimeTearDown]
    public async Task StopGoogleAsync()
    {
        _browser?.Dispose();
        await Google.StopAsync();
    }

    /// <summary>What <c>GET /auth/google</c> answered: the authorization URL, its parameters, and the state cookie.</summary>
    private protected sealed record Started(Uri AuthorizeUrl, FakeOpenIdProvider.Authorization Request, string Cookie, string SetCookie);

    protected async Task<HttpResponseMessage> StartRawAsync(string? returnUrl = null) =>
        await Browser.GetAsync("/api/v1/auth/google" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));

    private protected async Task<Started> StartAsync(string? returnUrl = null)
    {
        var response = await StartRawAsync(returnUrl);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found), await response.Content.ReadAsStringAsync());
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cxg_google_state=", StringComparison.Ordinal));
        var cookie = setCookie.Split(';')[0]["cxg_google_state=".Length..];
        var location = response.Headers.Location!;
        return new Started(location, FakeOpenIdProvider.Read(location), cookie, setCookie);
    }

    /// <summary>The provider's redirect back to the callback; returns the response (a 302 to the web app).</summary>
    protected async Task<HttpResponseMessage> CallbackRawAsync(string? code, string? state, string? cookie, string? error = null)
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

        if (error is not null)
        {
            query["error"] = error;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/google/callback?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", "cxg_google_state=" + cookie);
        }

        return await Browser.SendAsync(request);
    }

    protected async Task<Uri> CallbackAsync(string? code, string? state, string? cookie, string? error = null)
    {
        var response = await CallbackRawAsync(code, state, cookie, error);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>The whole browser round trip for <paramref name="grant"/>; returns where the callback sent the browser.</summary>
    private protected async Task<Uri> SignInAtGoogleAsync(FakeOpenIdProvider.Grant grant, string? returnUrl = null)
    {
        var started = await StartAsync(returnUrl);
        var code = Google.Approve(started.Request, grant);
        return await CallbackAsync(code, started.Request.State, started.Cookie);
    }

    /// <summary>"success" or "error:reason", after checking the redirect goes to the web app's login page.</summary>
    protected static string Outcome(Uri location)
    {
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(LoginPage));
        var query = HttpUtility.ParseQueryString(location.Query);
        return query["status"] == "success" ? "success" : $"{query["status"]}:{query["reason"]}";
    }

    protected static string CodeOf(Uri location)
    {
        Assert.That(Outcome(location), Is.EqualTo("success"));
        return HttpUtility.ParseQueryString(location.Query)["code"]!;
    }

    protected Task<HttpResponseMessage> ExchangeRawAsync(string code, string? deviceLabel = "Test laptop", bool takeover = false, string? ip = null) =>
        PostAsync("/api/v1/auth/exchange", new { code, deviceLabel, takeover }, ip: ip);

    /// <summary>Signs <paramref name="email"/> in through Google and swaps the code: what the web app then holds.</summary>
    protected async Task<Signed> GoogleSignInAsync(string email, string? deviceLabel = "Test laptop", bool takeover = false, string? ip = null)
    {
        var code = CodeOf(await SignInAtGoogleAsync(new FakeOpenIdProvider.Grant(email)));
        var response = await ExchangeRawAsync(code, deviceLabel, takeover, ip);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return Signed.From(email, await JsonAsync(response));
    }
}
