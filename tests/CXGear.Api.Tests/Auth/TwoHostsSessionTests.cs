using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Auth;

/// <summary>
/// Sessions and sign-in throttling are the database's, not an instance's: two API hosts on one database (two
/// instances behind a load balancer) see one session per user and count one account's failures together.
/// </summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class TwoHostsSessionTests : ApiTestBase
{
    private CXGearApiFactory _second = null!;
    private HttpClient _secondClient = null!;

    public TwoHostsSessionTests(TestEngine engine) => Engine = engine;

    [OneTimeSetUp]
    public void StartSecondHost()
    {
        _second = new CXGearApiFactory(Engine) { ConnectionString = Factory.ConnectionString };
        _secondClient = _second.CreateClient();
    }

    [OneTimeTearDown]
    public void StopSecondHost()
    {
        _secondClient.Dispose();
        _second.Dispose();
    }

    [Test]
    public async Task A_takeover_on_one_host_ends_the_session_on_the_other()
    {
        var first = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.7");
        Assert.That((await GetAsync("/api/v1/me", first.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var login = await _secondClient.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/login",
            new { email = first.Email, password = Password, deviceLabel = "Safari on iOS", takeover = true }, ip: "192.0.2.50"));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
        var second = Signed.From(first.Email, await JsonAsync(login));

        await AssertProblemAsync(await GetAsync("/api/v1/me", first.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REPLACED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = first.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_REPLACED");
        Assert.That((await GetAsync("/api/v1/me", second.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new session is good on the first host too");
    }

    [Test]
    public async Task Concurrent_logins_on_two_hosts_leave_exactly_one_open_session()
    {
        var account = await SignUpAsync(deviceLabel: "Laptop", ip: "198.51.100.7");

        var logins = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? Client : _secondClient).SendAsync(Request(HttpMethod.Post, "/api/v1/auth/login",
                new { email = account.Email, password = Password, deviceLabel = "Laptop" }, ip: "198.51.100.7"))));

        var live = 0;
        foreach (var login in logins.Where(l => l.StatusCode == HttpStatusCode.OK))
        {
            var token = Signed.From(account.Email, await JsonAsync(login)).AccessToken;
            live += (await GetAsync("/api/v1/me", token)).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.That(logins.Select(l => l.StatusCode), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        Assert.That(live, Is.EqualTo(1), "one session is open whichever host each login reached");
    }

    [Test]
    public async Task Wrong_passwords_on_both_hosts_count_together_and_lock_the_account_everywhere()
    {
        var account = await SignUpAsync();

        var misses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? Client : _secondClient).SendAsync(Request(HttpMethod.Post, "/api/v1/auth/login",
                new { email = account.Email, password = "wrong password, try again", deviceLabel = "Laptop" }))));

        Assert.That(misses.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Locked));
        await AssertProblemAsync(await LoginRawAsync(account.Email, takeover: true), HttpStatusCode.Locked, "ACCOUNT_LOCKED");
        await AssertProblemAsync(
            await _secondClient.SendAsync(Request(HttpMethod.Post, "/api/v1/auth/login", new { email = account.Email, password = Password, deviceLabel = "Laptop", takeover = true })),
            HttpStatusCode.Locked, "ACCOUNT_LOCKED");
    }
}
