using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Auth;

[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class RefreshTests : ApiTestBase
{
    public RefreshTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Refresh_rotates_the_pair_and_keeps_the_session()
    {
        var account = await SignUpAsync();
        Advance(TimeSpan.FromMinutes(10));

        var response = await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var pair = await JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((string?)pair["refreshToken"], Is.Not.EqualTo(account.RefreshToken));
            Assert.That((string?)pair["accessToken"], Is.Not.EqualTo(account.AccessToken));
            Assert.That((string?)pair["session"]!["id"], Is.EqualTo(account.SessionId));
            Assert.That((DateTime?)pair["session"]!["lastActiveAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime));
        });
        Assert.That((await GetAsync("/api/v1/me", (string)pair["accessToken"]!)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Reusing_a_spent_refresh_token_ends_the_session()
    {
        var account = await SignUpAsync();
        var pair = await JsonAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken }));

        var replay = await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken });

        await AssertProblemAsync(replay, HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await GetAsync("/api/v1/me", (string)pair["accessToken"]!), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = (string)pair["refreshToken"]! }), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
    }

    [Test]
    public async Task Concurrent_uses_of_one_refresh_token_never_both_succeed()
    {
        var account = await SignUpAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken })));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.LessThanOrEqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task An_unknown_refresh_token_is_invalid()
    {
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = "x" + Guid.NewGuid() }), HttpStatusCode.Unauthorized, "TOKEN_INVALID");
    }

    [Test]
    public async Task A_missing_refresh_token_is_a_validation_error()
    {
        var body = await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["refreshToken"], Is.Not.Null);
    }

    [Test]
    public async Task After_two_idle_hours_refresh_says_the_session_expired()
    {
        var account = await SignUpAsync();
        Advance(TimeSpan.FromHours(2));

        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = account.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_EXPIRED");
    }
}
