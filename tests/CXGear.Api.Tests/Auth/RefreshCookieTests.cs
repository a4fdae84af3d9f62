using System.Net;
using System.Net.Http.Json;
using CXGear.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CXGear.Api.Tests.Auth;

/// <summary>
/// The browser refresh cookie (<c>Auth:RefreshCookie:Enabled</c>, docs/api.md#the-browser-refresh-cookie): every
/// response that hands out a refresh token also sets it as an HttpOnly, Secure, SameSite=None cookie on /api/v1/auth;
/// refresh takes it when the body has none; logout clears it; CORS lets the web app's origins send it.
/// </summary>
public sealed class RefreshCookieTests : ApiTestBase
{
    private const string WebApp = "https://app.cxgear.test";

    private HttpClient _browser = null!;

    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Auth:RefreshCookie:Enabled"] = "true";

    [OneTimeSetUp]
    public void CreateBrowser() => _browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    [OneTimeTearDown]
    public void DisposeBrowser() => _browser.Dispose();

    internal static string? RefreshCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.SingleOrDefault(c => c.StartsWith("cxg_refresh=", StringComparison.Ordinal)) : null;

    internal static string ValueOf(string setCookie) => setCookie.Split(';')[0]["cxg_refresh=".Length..];

    private Task<HttpResponseMessage> RefreshWithCookieAsync(string cookie, string? origin = WebApp, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh");
        request.Headers.Add("Cookie", "cxg_refresh=" + cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return _browser.SendAsync(request);
    }

    [Test]
    public async Task Sign_up_and_login_set_the_refresh_token_as_an_httponly_secure_cross_site_cookie_on_the_auth_routes()
    {
        // A client that keeps no cookie jar, so the Set-Cookie headers reach the test as the browser sees them.
        var email = UniqueEmail();
        var signUp = await _browser.PostAsJsonAsync("/api/v1/auth/signup", new { fullName = "Ada", organizationName = "Acme", email, password = Password });
        var login = await _browser.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });

        foreach (var (response, name) in new[] { (signUp, "sign-up"), (login, "login") })
        {
            var cookie = RefreshCookieOf(response);
            Assert.That(cookie, Is.Not.Null, name);
            Assert.That(cookie!.ToLowerInvariant(), Does.Contain("httponly").And.Contain("secure").And.Contain("samesite=none").And.Contain("path=/api/v1/auth;").Or.EndsWith("path=/api/v1/auth"), name);
            Assert.That(ValueOf(cookie), Is.EqualTo((string)(await JsonAsync(response))["refreshToken"]!), name);
        }
    }

    [Test]
    public async Task Refresh_takes_the_cookie_when_the_body_has_none_and_sets_the_next_one()
    {
        var account = await SignUpAsync();

        var refreshed = await RefreshWithCookieAsync(account.RefreshToken);

        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refreshed.Content.ReadAsStringAsync());
        var next = RefreshCookieOf(refreshed);
        Assert.That(next, Is.Not.Null);
        Assert.That(ValueOf(next!), Is.EqualTo((string)(await JsonAsync(refreshed))["refreshToken"]!).And.Not.EqualTo(account.RefreshToken));
        await AssertProblemAsync(await RefreshWithCookieAsync(account.RefreshToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
    }

    [Test]
    public async Task An_empty_json_body_also_falls_back_to_the_cookie_and_a_token_in_the_body_wins()
    {
        var first = await SignUpAsync();
        var second = await SignUpAsync();

        Assert.That((await RefreshWithCookieAsync(first.RefreshToken, body: new { })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bodyWins = await RefreshWithCookieAsync("not-the-token", body: new { refreshToken = second.RefreshToken });
        Assert.That(bodyWins.StatusCode, Is.EqualTo(HttpStatusCode.OK), await bodyWins.Content.ReadAsStringAsync());
        Assert.That((string?)(await JsonAsync(bodyWins))["user"]!["id"], Is.EqualTo(second.UserId));
    }

    [Test]
    public async Task The_body_refresh_keeps_working()
    {
        var account = await SignUpAsync();

        var refreshed = await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken });

        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Neither_body_nor_cookie_is_a_validation_error()
    {
        var response = await _browser.PostAsync("/api/v1/auth/refresh", content: null);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["refreshToken"], Is.Not.Null);
    }

    [Test]
    public async Task The_cookie_sent_from_another_sites_origin_is_ignored()
    {
        var account = await SignUpAsync();

        await AssertProblemAsync(await RefreshWithCookieAsync(account.RefreshToken, origin: "https://evil.example"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((await RefreshWithCookieAsync(account.RefreshToken, origin: null)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "not spent by the refused call");
    }

    [Test]
    public async Task Logout_clears_the_cookie()
    {
        var account = await SignUpAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", account.AccessToken);
        var response = await _browser.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var cleared = RefreshCookieOf(response);
        Assert.That(cleared, Is.Not.Null);
        Assert.That(cleared!, Does.StartWith("cxg_refresh=;").And.Contain("expires=").IgnoreCase.And.Contain("path=/api/v1/auth").IgnoreCase);
    }

    [Test]
    public async Task Cors_lets_the_web_apps_origins_send_credentials_and_no_other()
    {
        var allowed = await PreflightAsync(WebApp);
        var other = await PreflightAsync("https://evil.example");

        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { WebApp }));
        Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Credentials"), Is.EqualTo(new[] { "true" }));
        Assert.That(other.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        Assert.That(other.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
    }

    internal static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/refresh");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin) => PreflightAsync(Client, origin);
}

/// <summary>Without <c>Auth:RefreshCookie:Enabled</c> nothing changes: no cookie, no credentials in CORS, the body is required.</summary>
public sealed class RefreshCookieOffTests : ApiTestBase
{
    [Test]
    public async Task No_cookie_is_set_and_none_is_read_and_cors_allows_no_credentials()
    {
        var account = await SignUpAsync();
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await browser.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = Password, deviceLabel = "Test laptop" });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(RefreshCookieTests.RefreshCookieOf(login), Is.Null);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh");
        request.Headers.Add("Cookie", "cxg_refresh=" + (string)(await JsonAsync(login))["refreshToken"]!);
        await AssertProblemAsync(await browser.SendAsync(request), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var preflight = await RefreshCookieTests.PreflightAsync(Client, "https://app.cxgear.test");
        Assert.That(preflight.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
    }

    [Test]
    public void The_cookie_with_a_wildcard_cors_origin_stops_start_up()
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Auth:RefreshCookie:Enabled"] = "true";
        factory.Settings["Cors:AllowedOrigins:0"] = "*";

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Cors:AllowedOrigins"));
    }
}
