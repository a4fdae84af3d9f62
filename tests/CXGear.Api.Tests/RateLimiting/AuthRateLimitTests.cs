using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.RateLimiting;

/// <summary>docs/api.md#rate-limits: /auth/* per client IP (here 3 a minute).</summary>
public sealed class AuthRateLimitTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory) =>
        factory.Settings["RateLimits:AuthPerIpPerMinute"] = "3";

    [Test]
    public async Task The_fourth_auth_request_from_one_address_is_rate_limited_while_another_address_passes()
    {
        var user = await SignUpAsync(ip: "198.51.100.50");

        var remaining = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await LoginRawAsync(user.Email, takeover: true, ip: "198.51.100.7");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await allowed.Content.ReadAsStringAsync());
            remaining.Add(RateLimitAssert.Header(allowed, 3).Remaining);
        }

        var limited = await LoginRawAsync(user.Email, takeover: true, ip: "198.51.100.7");
        await RateLimitAssert.RejectedAsync(limited, 3);

        var elsewhere = await LoginRawAsync(user.Email, takeover: true, ip: "198.51.100.8");

        Assert.That(remaining, Is.EqualTo(new[] { 2, 1, 0 }));
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(RateLimitAssert.Header(elsewhere, 3).Remaining, Is.EqualTo(2));
    }

    [Test]
    public async Task Every_auth_route_spends_the_same_per_address_counter()
    {
        const string ip = "198.51.100.20";
        var user = await SignUpAsync(ip: ip);
        var wrong = await LoginRawAsync(user.Email, password: "not the password", ip: ip);
        var forgot = await PostAsync("/api/v1/auth/password/forgot", new { email = user.Email }, ip: ip);

        var limited = await PostAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }, ip: ip);

        Assert.That(RateLimitAssert.IsLimited(wrong), Is.False);
        Assert.That(RateLimitAssert.IsLimited(forgot), Is.False);
        await RateLimitAssert.RejectedAsync(limited, 3);
    }

    [Test]
    public async Task The_address_passes_again_once_the_window_has_passed()
    {
        const string ip = "198.51.100.30";
        var user = await SignUpAsync(ip: "198.51.100.51");
        for (var i = 0; i < 3; i++)
        {
            Assert.That(RateLimitAssert.IsLimited(await LoginRawAsync(user.Email, takeover: true, ip: ip)), Is.False);
        }

        var limited = await LoginRawAsync(user.Email, takeover: true, ip: ip);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        // The in-process counters run on the host's TimeProvider, the clock these tests move.
        Advance(retryAfter);
        var again = await LoginRawAsync(user.Email, takeover: true, ip: ip);

        await RateLimitAssert.RejectedAsync(limited, 3);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(RateLimitAssert.Header(again, 3).Remaining, Is.EqualTo(2));
    }
}
