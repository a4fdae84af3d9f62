using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Auth;

/// <summary>One active session per user (docs/api.md#user-access-tokens-and-sessions, docs/api.md#auth).</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class SingleSessionTests : ApiTestBase
{
    public SingleSessionTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Same_device_label_and_ip_replace_the_session_silently()
    {
        var first = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.7");

        var second = await LoginAsync(first.Email, deviceLabel: "Chrome on macOS", ip: "198.51.100.7");

        Assert.That(second.SessionId, Is.Not.EqualTo(first.SessionId));
        await AssertProblemAsync(await GetAsync("/api/v1/me", first.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REPLACED");
        Assert.That((await GetAsync("/api/v1/me", second.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("Firefox on Windows", "198.51.100.7")]
    [TestCase("Chrome on macOS", "192.0.2.99")]
    public async Task A_live_session_elsewhere_is_a_conflict_naming_that_session(string deviceLabel, string ip)
    {
        var first = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.7");
        Advance(TimeSpan.FromMinutes(3));

        var response = await LoginRawAsync(first.Email, deviceLabel: deviceLabel, ip: ip);

        var body = await AssertProblemAsync(response, HttpStatusCode.Conflict, "SESSION_CONFLICT");
        var previous = body["previousSession"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)previous["deviceLabel"], Is.EqualTo("Chrome on macOS"));
            Assert.That((string?)previous["ipAddress"], Is.EqualTo("198.51.100.7"));
            Assert.That((DateTime?)previous["startedAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-3)));
            Assert.That(previous["lastActiveAt"], Is.Not.Null);
        });
        Assert.That((await GetAsync("/api/v1/me", first.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused login leaves the session alone");
    }

    [Test]
    public async Task Takeover_ends_the_other_session_whose_next_request_is_refused()
    {
        var first = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.7");

        var second = await LoginAsync(first.Email, deviceLabel: "Safari on iOS", takeover: true, ip: "192.0.2.50");

        await AssertProblemAsync(await GetAsync("/api/v1/me", first.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REPLACED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_REPLACED");
        var me = await JsonAsync(await GetAsync("/api/v1/me", second.AccessToken));
        Assert.That((string?)me["session"]!["deviceLabel"], Is.EqualTo("Safari on iOS"));
    }

    [Test]
    public async Task An_idle_session_no_longer_blocks_a_login_elsewhere()
    {
        var first = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.7");
        Advance(TimeSpan.FromHours(2));

        await LoginAsync(first.Email, deviceLabel: "Edge on Windows", ip: "192.0.2.1");

        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_EXPIRED");
    }

    [Test]
    public async Task Concurrent_logins_leave_exactly_one_open_session()
    {
        var account = await SignUpAsync(deviceLabel: "Laptop", ip: "198.51.100.7");

        var logins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LoginRawAsync(account.Email, deviceLabel: "Laptop", ip: "198.51.100.7")));

        var tokens = new List<string>();
        foreach (var login in logins.Where(l => l.StatusCode == HttpStatusCode.OK))
        {
            tokens.Add((string)(await JsonAsync(login))["accessToken"]!);
        }

        Assert.That(tokens, Is.Not.Empty);
        var live = 0;
        foreach (var token in tokens.Append(account.AccessToken))
        {
            live += (await GetAsync("/api/v1/me", token)).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.That(live, Is.EqualTo(1));
    }
}
