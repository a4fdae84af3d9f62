using System.Net;
using System.Security.Claims;
using CXGear.Api.RateLimiting;
using CXGear.Application.Common.Security;
using Microsoft.AspNetCore.Http;

namespace CXGear.Api.Tests.RateLimiting;

public sealed class RateLimitPartitionerTests
{
    private static readonly IPAddress Client = IPAddress.Parse("198.51.100.7");
    private static readonly RateLimitSettings Limits = new() { ApiKeyPerMinute = 600, AuthPerIpPerMinute = 20, UserPerMinute = 1200 };

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private static ClaimsPrincipal ApiKey(string keyId) =>
        new(new ClaimsIdentity([new Claim("kid", keyId), new Claim("org", "org-1"), new Claim("scope", "ingest")], "ApiKey"));

    private static ClaimsPrincipal User(string subject) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim("org", "org-1"), new Claim("sid", "s-1")], "Jwt"));

    private static RateLimitTarget? Select(string path, ClaimsPrincipal user, IPAddress? ip = null, RateLimitSettings? limits = null) =>
        RateLimitPartitioner.Select(new PathString(path), user, ip ?? Client, limits ?? Limits);

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/docs")]
    [TestCase("/docs/openapi.json")]
    public void Health_and_docs_are_unlimited(string path)
    {
        Assert.That(Select(path, Anonymous), Is.Null);
        Assert.That(Select(path, User("u-1")), Is.Null);
    }

    [TestCase("/api/v1/public/channels/whatsapp/webhook")]
    [TestCase("/API/V1/public/channels/WhatsApp/webhook")]
    public void Metas_webhook_is_unlimited_while_the_rest_of_public_counts_by_address(string path)
    {
        Assert.That(Select(path, Anonymous), Is.Null);
        Assert.That(Select("/api/v1/public/channels", Anonymous), Is.EqualTo(new RateLimitTarget("public-ip:198.51.100.7", 600)));
    }

    [TestCase("/api/v1/auth/login")]
    [TestCase("/api/v1/auth/signup")]
    [TestCase("/API/V1/Auth/refresh")]
    [TestCase("/api/v1/auth/providers")]
    [TestCase("/api/v1/auth/google")]
    [TestCase("/api/v1/auth/google/callback")]
    [TestCase("/api/v1/auth/exchange")]
    public void Auth_routes_count_per_client_address_even_when_signed_in(string path)
    {
        Assert.That(Select(path, Anonymous), Is.EqualTo(new RateLimitTarget("auth-ip:198.51.100.7", 20)));
        Assert.That(Select(path, User("u-1")), Is.EqualTo(new RateLimitTarget("auth-ip:198.51.100.7", 20)));
    }

    [Test]
    public void Public_routes_count_per_key_id()
    {
        Assert.That(Select("/api/v1/public/ingest", ApiKey("k-1")), Is.EqualTo(new RateLimitTarget("key:k-1", 600)));
        Assert.That(Select("/api/v1/public/trigger/0197", ApiKey("k-2")), Is.EqualTo(new RateLimitTarget("key:k-2", 600)));
    }

    [Test]
    public void Public_routes_without_a_key_count_per_address_apart_from_keys()
    {
        Assert.That(Select("/api/v1/public/ingest", Anonymous), Is.EqualTo(new RateLimitTarget("public-ip:198.51.100.7", 600)));
        Assert.That(Select("/api/v1/public/ingest", User("u-1")), Is.EqualTo(new RateLimitTarget("public-ip:198.51.100.7", 600)));
    }

    [Test]
    public void A_tables_ingest_webhook_counts_per_verified_table_and_a_refused_token_per_address()
    {
        var token = SecretFormat.IngestToken.Generate().Secret;
        var verified = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tbl", "t-1"), new Claim("org", "org-1")], "IngestToken"));

        Assert.That(Select($"/api/v1/public/data-tables/ingest/{token}", verified), Is.EqualTo(new RateLimitTarget("webhook:t-1", 600)));
        Assert.That(Select($"/api/v1/public/data-tables/ingest/{token}", Anonymous), Is.EqualTo(new RateLimitTarget("public-ip:198.51.100.7", 600)));
        Assert.That(Select("/api/v1/public/data-tables/ingest", Anonymous), Is.EqualTo(new RateLimitTarget("public-ip:198.51.100.7", 600)));
    }

    [Test]
    public void Other_routes_count_per_user()
    {
        Assert.That(Select("/api/v1/me", User("u-1")), Is.EqualTo(new RateLimitTarget("user:u-1", 1200)));
        Assert.That(Select("/api/v1/projects", User("u-2")), Is.EqualTo(new RateLimitTarget("user:u-2", 1200)));
    }

    [Test]
    public void Other_routes_count_an_api_key_on_its_key_and_anonymous_callers_per_address()
    {
        Assert.That(Select("/api/v1/me", ApiKey("k-1")), Is.EqualTo(new RateLimitTarget("key:k-1", 600)));
        Assert.That(Select("/api/v1/me", Anonymous), Is.EqualTo(new RateLimitTarget("ip:198.51.100.7", 1200)));
        Assert.That(Select("/nowhere", Anonymous), Is.EqualTo(new RateLimitTarget("ip:198.51.100.7", 1200)));
    }

    [Test]
    public void Claims_of_an_unauthenticated_identity_are_ignored()
    {
        var unauthenticated = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u-1"), new Claim("kid", "k-1")]));

        Assert.That(Select("/api/v1/me", unauthenticated), Is.EqualTo(new RateLimitTarget("ip:198.51.100.7", 1200)));
        Assert.That(Select("/api/v1/public/ingest", unauthenticated), Is.EqualTo(new RateLimitTarget("public-ip:198.51.100.7", 600)));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_limit_of_zero_or_less_switches_that_limit_off(int off)
    {
        var limits = new RateLimitSettings { ApiKeyPerMinute = off, AuthPerIpPerMinute = off, UserPerMinute = 5 };

        Assert.That(Select("/api/v1/public/ingest", ApiKey("k-1"), limits: limits), Is.Null);
        Assert.That(Select("/api/v1/auth/login", Anonymous, limits: limits), Is.Null);
        Assert.That(Select("/api/v1/me", User("u-1"), limits: limits), Is.EqualTo(new RateLimitTarget("user:u-1", 5)));
    }

    [TestCase("198.51.100.7", "198.51.100.7")]
    [TestCase("::ffff:198.51.100.7", "198.51.100.7")]
    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [TestCase("::1", "::/64")]
    public void Client_addresses_are_ipv4_or_the_ipv6_network(string address, string expected) =>
        Assert.That(RateLimitPartitioner.ClientKey(IPAddress.Parse(address)), Is.EqualTo(expected));

    [Test]
    public void A_missing_address_has_one_partition() =>
        Assert.That(RateLimitPartitioner.ClientKey(null), Is.EqualTo("unknown"));
}
