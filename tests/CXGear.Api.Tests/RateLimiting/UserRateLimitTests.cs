using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.RateLimiting;

/// <summary>docs/api.md#rate-limits: every other authenticated route per user (here 5 a minute); health and docs unlimited.</summary>
public sealed class UserRateLimitTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory) =>
        factory.Settings["RateLimits:UserPerMinute"] = "5";

    [Test]
    public async Task The_sixth_request_of_a_user_is_rate_limited_while_another_user_passes()
    {
        var busy = await SignUpAsync();
        var other = await SignUpAsync();

        var remaining = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var allowed = await GetAsync("/api/v1/me", busy.AccessToken);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            remaining.Add(RateLimitAssert.Header(allowed, 5).Remaining);
        }

        var limited = await GetAsync("/api/v1/billing", busy.AccessToken);
        var otherUser = await GetAsync("/api/v1/me", other.AccessToken);

        Assert.That(remaining, Is.EqualTo(new[] { 4, 3, 2, 1, 0 }));
        await RateLimitAssert.RejectedAsync(limited, 5);
        Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(RateLimitAssert.Header(otherUser, 5).Remaining, Is.EqualTo(4));
    }

    [Test]
    public async Task Errors_spend_the_counter_too_and_carry_the_headers()
    {
        var user = await SignUpAsync();

        var notFound = await GetAsync($"/api/v1/projects/{Guid.NewGuid()}", user.AccessToken);

        Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(RateLimitAssert.Header(notFound, 5).Remaining, Is.EqualTo(4));
    }

    [Test]
    public async Task Anonymous_requests_count_per_address_apart_from_users()
    {
        const string ip = "198.51.100.60";
        var user = await SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            var unauthenticated = await SendAsync(HttpMethod.Get, "/api/v1/me", ip: ip);
            Assert.That(unauthenticated.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var limited = await SendAsync(HttpMethod.Get, "/api/v1/me", ip: ip);
        var signedIn = await SendAsync(HttpMethod.Get, "/api/v1/me", token: user.AccessToken, ip: ip);

        await RateLimitAssert.RejectedAsync(limited, 5);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/docs/openapi.json")]
    public async Task Health_and_docs_are_never_limited(string path)
    {
        for (var i = 0; i < 8; i++)
        {
            var response = await SendAsync(HttpMethod.Get, path, ip: "198.51.100.61");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            RateLimitAssert.NoHeaders(response);
        }
    }
}
