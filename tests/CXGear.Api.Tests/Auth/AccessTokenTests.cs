using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Auth;

/// <summary>Every JWT request is checked for its signature, claims, lifetime and the session behind it.</summary>
public sealed class AccessTokenTests : ApiTestBase
{
    [Test]
    public async Task No_token_is_unauthenticated()
    {
        var response = await GetAsync("/api/v1/me");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Garbage_tampered_unsigned_and_foreign_tokens_are_invalid()
    {
        var account = await SignUpAsync();
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var forged = new Dictionary<string, string>
        {
            ["garbage"] = "not-a-jwt",
            ["tampered subject"] = ForgedTokens.Tampered(account.AccessToken, "sub", Guid.NewGuid().ToString()),
            ["tampered organization"] = ForgedTokens.Tampered(account.AccessToken, "org", Guid.NewGuid().ToString()),
            ["alg none"] = ForgedTokens.Unsigned(account.AccessToken),
            ["other key"] = ForgedTokens.Signed(account, key: "another-signing-key-that-is-long-enough-0123456789", now: now),
            ["wrong issuer"] = ForgedTokens.Signed(account, issuer: "evil", now: now),
            ["wrong audience"] = ForgedTokens.Signed(account, audience: "other-api", now: now),
            ["HS512 not allowed"] = ForgedTokens.Signed(account, algorithm: Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha512, key: CXGearApiFactory.SigningKey + CXGearApiFactory.SigningKey, now: now),
        };

        foreach (var (name, token) in forged)
        {
            var response = await GetAsync("/api/v1/me", token);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), name);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "TOKEN_INVALID");
        }

        Assert.That((await GetAsync("/api/v1/me", ForgedTokens.Signed(account, now: now))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the forging helper itself makes valid tokens");
    }

    [Test]
    public async Task A_token_naming_another_users_session_is_refused()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        var mixed = ForgedTokens.Signed(alice with { SessionId = bob.SessionId }, now: Factory.Clock.GetUtcNow().UtcDateTime);

        await AssertProblemAsync(await GetAsync("/api/v1/me", mixed), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
    }

    [Test]
    public async Task An_access_token_expires_after_fifteen_minutes_but_the_session_refreshes()
    {
        var account = await SignUpAsync();
        Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(20));
        Assert.That((await GetAsync("/api/v1/me", account.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "within the 30 s clock skew");

        Advance(TimeSpan.FromSeconds(15));

        await AssertProblemAsync(await GetAsync("/api/v1/me", account.AccessToken), HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
        var refreshed = await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken });
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync("/api/v1/me", (string)(await JsonAsync(refreshed))["accessToken"]!)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_session_ends_twelve_hours_after_it_started_however_active()
    {
        var account = await SignUpAsync();
        var refreshToken = account.RefreshToken;
        var accessToken = account.AccessToken;
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromHours(11.9))
        {
            Advance(TimeSpan.FromMinutes(14));
            elapsed += TimeSpan.FromMinutes(14);
            var pair = await JsonAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken }));
            refreshToken = (string)pair["refreshToken"]!;
            accessToken = (string)pair["accessToken"]!;
        }

        // The last access token is minutes old and still valid; only the session's 12 hours are up.
        Advance(TimeSpan.FromHours(12) - elapsed + TimeSpan.FromSeconds(1));

        await AssertProblemAsync(await GetAsync("/api/v1/me", accessToken), HttpStatusCode.Unauthorized, "SESSION_EXPIRED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken }), HttpStatusCode.Unauthorized, "SESSION_EXPIRED");
    }

    [Test]
    public async Task Activity_is_written_at_most_once_a_minute()
    {
        var account = await SignUpAsync();
        var started = (DateTime)account.Body["session"]!["lastActiveAt"]!;

        Advance(TimeSpan.FromSeconds(30));
        var early = await JsonAsync(await GetAsync("/api/v1/me", account.AccessToken));
        Assert.That((DateTime?)early["session"]!["lastActiveAt"], Is.EqualTo(started));

        Advance(TimeSpan.FromSeconds(31));
        await GetAsync("/api/v1/me", account.AccessToken);
        var later = await JsonAsync(await GetAsync("/api/v1/me", account.AccessToken));
        Assert.That((DateTime?)later["session"]!["lastActiveAt"], Is.EqualTo(started.AddSeconds(61)));
    }

    [Test]
    public async Task Logout_ends_the_session_on_its_very_next_request()
    {
        var account = await SignUpAsync();

        var logout = await PostAsync("/api/v1/auth/logout", token: account.AccessToken);

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync("/api/v1/me", account.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/logout", token: account.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
    }

    [Test]
    public async Task Logout_needs_a_token()
    {
        await AssertProblemAsync(await PostAsync("/api/v1/auth/logout"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
