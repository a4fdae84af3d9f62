using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Admin;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.RateLimiting;

namespace CXGear.Api.Tests.Security;

/// <summary>
/// docs/api.md#behind-a-proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> count only from the proxies and networks
/// in <c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>; then rate limits, sessions, audit and a key's last used
/// address see the client, and HTTPS is the client's scheme. The same headers from any other address change nothing.
/// </summary>
public sealed class ForwardedHeadersTests : AdminTestBase
{
    private const string Proxy = "10.0.0.5";
    private const string ProxyInNetwork = "10.1.2.3";
    private const string Stranger = "203.0.113.99";

    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        factory.Settings["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16";
        factory.Settings["RateLimits:AuthPerIpPerMinute"] = "2";
    }

    /// <summary>A request that reaches the API from <paramref name="remote"/> with the proxy headers given.</summary>
    private Task<HttpResponseMessage> ViaAsync(HttpMethod method, string url, string remote, string? forwardedFor, string? proto = null, object? body = null, string? token = null, string? host = null)
    {
        var request = Request(method, url, body, token, ip: remote);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> LoginViaAsync(string email, string remote, string? forwardedFor) =>
        ViaAsync(HttpMethod.Post, "/api/v1/auth/login", remote, forwardedFor, body: new { email, password = Password, deviceLabel = "Test laptop", takeover = true });

    private async Task<Signed> SignUpViaAsync(string remote, string? forwardedFor)
    {
        var email = UniqueEmail();
        var response = await ViaAsync(HttpMethod.Post, "/api/v1/auth/signup", remote, forwardedFor, body: new
        {
            fullName = "Ada Admin",
            organizationName = "Acme " + Guid.NewGuid().ToString("N")[..6],
            email,
            password = Password,
            deviceLabel = "Test laptop",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return Signed.From(email, await JsonAsync(response));
    }

    [Test]
    public async Task A_known_proxys_client_is_rate_limited_under_the_clients_own_address()
    {
        var user = await SignUpAsync(ip: "198.51.100.200");

        var first = await LoginViaAsync(user.Email, Proxy, "198.51.100.61");
        var second = await LoginViaAsync(user.Email, Proxy, "198.51.100.61");
        var third = await LoginViaAsync(user.Email, Proxy, "198.51.100.61");
        var otherClient = await LoginViaAsync(user.Email, Proxy, "198.51.100.62");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client behind the same proxy has its own budget");
            Assert.That(RateLimitAssert.Header(otherClient, 2).Remaining, Is.EqualTo(1));
        }

        await RateLimitAssert.RejectedAsync(third, 2);
    }

    [Test]
    public async Task Forwarded_for_from_an_unknown_address_is_ignored_by_the_rate_limiter()
    {
        var user = await SignUpAsync(ip: "198.51.100.201");

        var first = await LoginViaAsync(user.Email, Stranger, "198.51.100.71");
        var second = await LoginViaAsync(user.Email, Stranger, "198.51.100.72");
        var third = await LoginViaAsync(user.Email, Stranger, "198.51.100.73");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await RateLimitAssert.RejectedAsync(third, 2);
    }

    [Test]
    public async Task Sessions_and_the_audit_trail_record_the_forwarded_client_and_ignore_a_spoofed_header()
    {
        var proxied = await SignUpViaAsync(Proxy, "198.51.100.81");
        var inNetwork = await SignUpViaAsync(ProxyInNetwork, "198.51.100.82");
        var spoofed = await SignUpViaAsync("203.0.113.98", "198.51.100.83");
        // A client's own X-Forwarded-For travels in front of the proxy's entry; only the entry the proxy wrote counts.
        var chained = await SignUpViaAsync(Proxy, "192.0.2.66, 198.51.100.84");

        // Each test spends its own addresses: the fixture's per-address auth limit is 2 a minute.
        var ops = await LoginAsync(OperatorEmail, OperatorPassword, deviceLabel: "Ops console", takeover: true, ip: "198.51.100.203");
        var audit = await GetOkAsync($"/api/v1/admin/audit-events?organizationId={proxied.OrganizationId}&type=auth.signup", ops.AccessToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)proxied.Body["session"]!["ipAddress"], Is.EqualTo("198.51.100.81"));
            Assert.That((string?)inNetwork.Body["session"]!["ipAddress"], Is.EqualTo("198.51.100.82"), "a proxy inside a known network");
            Assert.That((string?)spoofed.Body["session"]!["ipAddress"], Is.EqualTo("203.0.113.98"), "the header from an unknown address is ignored");
            Assert.That((string?)chained.Body["session"]!["ipAddress"], Is.EqualTo("198.51.100.84"));
            Assert.That(Strings(audit, "ipAddress"), Is.EqualTo(new[] { "198.51.100.81" }));
        }
    }

    [Test]
    public async Task An_api_keys_last_used_address_is_the_forwarded_client()
    {
        var admin = await SignUpAsync(ip: "198.51.100.202");
        var created = await PostAsync("/api/v1/api-keys", new { name = "CRM", scopes = new[] { "ingest" } }, admin.AccessToken);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var secret = (string)(await JsonAsync(created))["secret"]!;

        var ingest = await ViaAsync(HttpMethod.Post, "/api/v1/public/ingest", Proxy, "198.51.100.91", body: new { dataTableId = Guid.NewGuid(), records = new[] { new { name = "Ada" } } }, token: secret);
        Assert.That(ingest.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the key was accepted; the table does not exist");

        var key = (await GetOkAsync("/api/v1/api-keys", admin.AccessToken))["items"]![0]!;
        Assert.That((string?)key["lastUsedIp"], Is.EqualTo("198.51.100.91"));
    }

    [Test]
    public async Task Https_from_a_known_proxy_is_the_requests_scheme_and_from_anyone_else_it_is_not()
    {
        // HSTS goes on HTTPS responses only, so it shows which scheme the API believed (localhost is exempt from HSTS).
        var proxied = await ViaAsync(HttpMethod.Get, "/health/live", Proxy, "198.51.100.95", proto: "https", host: "api.cxgear.test");
        var spoofed = await ViaAsync(HttpMethod.Get, "/health/live", Stranger, "198.51.100.95", proto: "https", host: "api.cxgear.test");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxied.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(proxied.Headers.Contains("Strict-Transport-Security"), Is.True, "the proxy said the client used HTTPS");
            Assert.That(spoofed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(spoofed.Headers.Contains("Strict-Transport-Security"), Is.False, "a stranger's X-Forwarded-Proto is ignored");
        }
    }
}

/// <summary>Without <c>ForwardedHeaders:*</c> no address is trusted, not even loopback (ASP.NET Core's own default).</summary>
public sealed class ForwardedHeadersOffTests : ApiTestBase
{
    [Test]
    public async Task With_no_known_proxy_configured_forwarded_headers_are_ignored_even_from_loopback()
    {
        var request = Request(HttpMethod.Post, "/api/v1/auth/signup", new
        {
            fullName = "Ada Admin",
            organizationName = "Acme",
            email = UniqueEmail(),
            password = Password,
        }, ip: "127.0.0.1");
        request.Headers.Add("X-Forwarded-For", "198.51.100.99");

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((string?)(await JsonAsync(response))["session"]!["ipAddress"], Is.EqualTo("127.0.0.1"));
    }
}

/// <summary>docs/api.md#behind-a-proxy: <c>Https:Redirect</c> sends plain HTTP to HTTPS (port 443 unless <c>HTTPS_PORT</c>).</summary>
public sealed class HttpsRedirectTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Https:Redirect"] = "true";
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5";
    }

    [Test]
    public async Task Plain_http_is_redirected_to_https_and_https_behind_a_known_proxy_is_served()
    {
        var plain = Request(HttpMethod.Get, "/health/live?probe=1");
        plain.Headers.Host = "api.cxgear.test";
        var proxied = Request(HttpMethod.Get, "/health/live", ip: "10.0.0.5");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        var spoofed = Request(HttpMethod.Get, "/health/live", ip: "203.0.113.99");
        spoofed.Headers.Add("X-Forwarded-Proto", "https");

        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var redirected = await client.SendAsync(plain);
        var served = await client.SendAsync(proxied);
        var refused = await client.SendAsync(spoofed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(redirected.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
            Assert.That(redirected.Headers.Location, Is.EqualTo(new Uri("https://api.cxgear.test/health/live?probe=1")));
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect), "a stranger cannot claim HTTPS");
        }
    }
}

/// <summary>Without <c>Https:Redirect</c> (the default) plain HTTP is served, as local development needs.</summary>
public sealed class HttpsRedirectOffTests : ApiTestBase
{
    [Test]
    public async Task Plain_http_is_served_when_the_redirect_is_off()
    {
        var response = await GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>A proxy list the API cannot read stops start-up rather than trusting nobody (or everybody) by accident.</summary>
public sealed class ForwardedHeadersConfigurationTests
{
    [TestCase("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0")]
    [TestCase("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33")]
    public void An_unreadable_address_or_network_stops_start_up_naming_the_key(string key, string value)
    {
        using var factory = new CXGearApiFactory();
        factory.Settings[key] = value;

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain(key.Split(':')[1]).And.Contain(value));
    }
}
