using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Auth;

[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class LoginTests : ApiTestBase
{
    public LoginTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Login_returns_the_token_pair_session_user_and_organization()
    {
        var account = await SignUpAsync();
        await PostAsync("/api/v1/auth/logout", token: account.AccessToken);
        Advance(TimeSpan.FromMinutes(5));

        var body = (await LoginAsync(account.Email, deviceLabel: "Work PC")).Body;

        Assert.Multiple(() =>
        {
            Assert.That((string?)body["tokenType"], Is.EqualTo("Bearer"));
            Assert.That((int?)body["expiresIn"], Is.EqualTo(900));
            Assert.That((string?)body["session"]!["deviceLabel"], Is.EqualTo("Work PC"));
            Assert.That((string?)body["session"]!["ipAddress"], Is.EqualTo("203.0.113.10"));
            Assert.That((string?)body["user"]!["id"], Is.EqualTo(account.UserId));
            Assert.That((string?)body["organization"]!["id"], Is.EqualTo(account.OrganizationId));
            Assert.That((DateTime?)body["user"]!["lastLoginAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime));
        });
    }

    [Test]
    public async Task The_device_label_comes_from_the_user_agent_when_the_client_sends_none()
    {
        var account = await SignUpAsync();
        const string chromeOnMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

        var response = await PostAsync("/api/v1/auth/login", new { email = account.Email, password = Password, takeover = true }, userAgent: chromeOnMac);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)(await JsonAsync(response))["session"]!["deviceLabel"], Is.EqualTo("Chrome on macOS"));
    }

    [Test]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer()
    {
        var account = await SignUpAsync();

        var wrong = await AssertProblemAsync(await LoginRawAsync(account.Email, "not the password"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var unknown = await AssertProblemAsync(await LoginRawAsync(UniqueEmail("ghost")), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        wrong.AsObject().Remove("traceId");
        unknown.AsObject().Remove("traceId");
        Assert.That(unknown.ToJsonString(), Is.EqualTo(wrong.ToJsonString()));
    }

    [Test]
    public async Task Missing_email_or_password_is_a_validation_error()
    {
        var body = await AssertProblemAsync(await PostAsync("/api/v1/auth/login", new { email = "" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["email"], Is.Not.Null);
        Assert.That(body["errors"]!["password"], Is.Not.Null);
    }

    [Test]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes()
    {
        var account = await SignUpAsync();
        for (var i = 1; i <= 4; i++)
        {
            await AssertProblemAsync(await LoginRawAsync(account.Email, "wrong password " + i), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        var fifth = await LoginRawAsync(account.Email, "wrong password 5");
        await AssertProblemAsync(fifth, HttpStatusCode.Locked, "ACCOUNT_LOCKED");
        Assert.That(fifth.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(15)));

        Advance(TimeSpan.FromMinutes(10));
        var stillLocked = await LoginRawAsync(account.Email, takeover: true);
        await AssertProblemAsync(stillLocked, HttpStatusCode.Locked, "ACCOUNT_LOCKED");
        Assert.That(stillLocked.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(5)));

        Advance(TimeSpan.FromMinutes(5));
        await LoginAsync(account.Email, takeover: true);
    }

    [Test]
    public async Task Parallel_wrong_passwords_all_count_so_forty_at_once_lock_the_account()
    {
        // Counted through the change tracker, parallel misses read the same count and wrote it back one higher each:
        // forty at once counted as a handful and the right password then got in. Counted in the database, they lock.
        var account = await SignUpAsync();

        var misses = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => LoginRawAsync(account.Email, "wrong password " + i)));

        Assert.That(misses.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Locked));
        await AssertProblemAsync(await LoginRawAsync(account.Email, takeover: true), HttpStatusCode.Locked, "ACCOUNT_LOCKED");
    }

    [Test]
    public async Task Four_parallel_misses_count_four_so_the_next_one_locks()
    {
        var account = await SignUpAsync();

        var misses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => LoginRawAsync(account.Email, "wrong password " + i)));
        Assert.That(misses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Unauthorized));

        await AssertProblemAsync(await LoginRawAsync(account.Email, "wrong password 5"), HttpStatusCode.Locked, "ACCOUNT_LOCKED");
    }

    [Test]
    public async Task Unknown_emails_lock_alike_so_lockout_reveals_nothing()
    {
        var ghost = UniqueEmail("ghost");
        for (var i = 1; i <= 4; i++)
        {
            await AssertProblemAsync(await LoginRawAsync(ghost), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        await AssertProblemAsync(await LoginRawAsync(ghost), HttpStatusCode.Locked, "ACCOUNT_LOCKED");
    }

    [Test]
    public async Task A_success_resets_the_failure_count()
    {
        var account = await SignUpAsync();
        for (var i = 0; i < 4; i++)
        {
            await LoginRawAsync(account.Email, "wrong");
        }

        await LoginAsync(account.Email);
        for (var i = 0; i < 4; i++)
        {
            await AssertProblemAsync(await LoginRawAsync(account.Email, "wrong"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }
    }
}
