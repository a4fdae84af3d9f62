using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Admin;

/// <summary>The auth flows leave a trail operators can read, filter and page, with no secret in it.</summary>
public sealed class AuditEventsTests : AdminTestBase
{
    private const string ChangedPassword = "changed passphrase 42";
    private const string ResetPassword = "reset passphrase 1337";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private async Task<List<JsonNode>> EventsOfAsync(string organizationId, string token, string? type = null)
    {
        var url = $"/api/v1/admin/audit-events?organizationId={organizationId}&pageSize=200" + (type is null ? string.Empty : $"&type={type}");
        return Items(await GetOkAsync(url, token)).ToList();
    }

    private async Task<string> ResetTokenAsync(string email)
    {
        Assert.That((await PostAsync("/api/v1/auth/password/forgot", new { email })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var mail = await Mailbox.WaitForAsync(Factory.MailDirectory, email, TimeSpan.FromSeconds(10));
        Assert.That(mail, Is.Not.Null, "the reset mail was not written");
        return Mailbox.ResetLink(mail!).Token;
    }

    [Test]
    public async Task Every_auth_flow_is_recorded_for_the_organization_newest_first_and_without_secrets()
    {
        var secrets = new List<string> { Password, ChangedPassword, ResetPassword, OperatorPassword };

        var account = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.1");
        secrets.AddRange([account.AccessToken, account.RefreshToken]);
        Advance(Step);
        await AssertProblemAsync(await LoginRawAsync(account.Email, "not the password at all", ip: "198.51.100.1"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        secrets.Add("not the password at all");
        Advance(Step);
        var sameDevice = await LoginAsync(account.Email, deviceLabel: "Chrome on macOS", ip: "198.51.100.1");
        Advance(Step);
        var takeover = await LoginAsync(account.Email, deviceLabel: "Safari on iOS", takeover: true, ip: "192.0.2.7");
        secrets.AddRange([sameDevice.RefreshToken, takeover.RefreshToken]);
        Advance(Step);
        Assert.That((await PostAsync("/api/v1/auth/refresh", new { refreshToken = takeover.RefreshToken })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = takeover.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        Advance(Step);
        var again = await LoginAsync(account.Email, ip: "198.51.100.1");
        Advance(Step);
        var change = await PostAsync("/api/v1/auth/password/change", new { currentPassword = Password, newPassword = ChangedPassword }, again.AccessToken);
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Advance(Step);
        var resetToken = await ResetTokenAsync(account.Email);
        secrets.Add(resetToken);
        var reset = await PostAsync("/api/v1/auth/password/reset", new { email = account.Email, token = resetToken, newPassword = ResetPassword });
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Advance(Step);
        var last = await LoginAsync(account.Email, ResetPassword, ip: "198.51.100.1");
        Advance(Step);
        Assert.That((await PostAsync("/api/v1/auth/logout", token: last.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var signed = await OperatorAsync();
        var events = await EventsOfAsync(account.OrganizationId, signed.AccessToken);

        var types = events.Select(e => (string?)e["type"]).ToList();
        var times = events.Select(e => (DateTime)e["occurredAt"]!).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(types, Is.EquivalentTo(new[]
            {
                "auth.signup", "auth.login_failed",
                "session.replaced", "auth.login_succeeded",
                "session.replaced", "auth.login_succeeded",
                "session.revoked", "auth.login_succeeded", "password.changed", "password.reset", "auth.login_succeeded", "auth.logout",
            }));
            Assert.That(times, Is.Ordered.Descending, "newest first");
            Assert.That(types[0], Is.EqualTo("auth.logout"));
            Assert.That(types[^1], Is.EqualTo("auth.signup"));
            Assert.That(events.Select(e => (string?)e["organizationId"]), Is.All.EqualTo(account.OrganizationId));
            Assert.That(events.Select(e => (string?)e["actorUserId"]), Is.All.EqualTo(account.UserId));
            Assert.That(events.Select(e => (string?)e["actorEmail"]), Is.All.EqualTo(account.Email));
            Assert.That(events.Select(e => e["data"]), Is.All.InstanceOf<JsonObject>(), "data is an object, not a string");
        }

        JsonNode Single(string type) => events.Single(e => (string?)e["type"] == type);
        JsonNode[] All(string type) => events.Where(e => (string?)e["type"] == type).Reverse().ToArray();
        var signUp = Single("auth.signup");
        var failed = Single("auth.login_failed");
        var replaced = All("session.replaced");
        var succeeded = All("auth.login_succeeded");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)signUp["data"]!["email"], Is.EqualTo(account.Email));
            Assert.That((string?)signUp["data"]!["organizationName"], Does.StartWith("Acme "));
            Assert.That((string?)signUp["ipAddress"], Is.EqualTo("198.51.100.1"));
            Assert.That((string?)failed["data"]!["email"], Is.EqualTo(account.Email));
            Assert.That((string?)failed["data"]!["reason"], Is.EqualTo("invalid_credentials"));
            Assert.That((bool?)failed["data"]!["locked"], Is.False);
            Assert.That((string?)replaced[0]["data"]!["previousSessionId"], Is.EqualTo(account.SessionId));
            Assert.That((string?)replaced[0]["data"]!["sessionId"], Is.EqualTo(sameDevice.SessionId));
            Assert.That((bool?)replaced[0]["data"]!["takeover"], Is.False, "same device and IP: a silent replacement");
            Assert.That((string?)replaced[1]["data"]!["previousSessionId"], Is.EqualTo(sameDevice.SessionId));
            Assert.That((string?)replaced[1]["data"]!["previousDeviceLabel"], Is.EqualTo("Chrome on macOS"));
            Assert.That((string?)replaced[1]["data"]!["deviceLabel"], Is.EqualTo("Safari on iOS"));
            Assert.That((bool?)replaced[1]["data"]!["takeover"], Is.True);
            Assert.That(succeeded.Select(e => (string?)e["data"]!["sessionId"]), Is.EqualTo(new[] { sameDevice.SessionId, takeover.SessionId, again.SessionId, last.SessionId }));
            Assert.That((string?)succeeded[1]["data"]!["deviceLabel"], Is.EqualTo("Safari on iOS"));
            Assert.That((string?)succeeded[1]["ipAddress"], Is.EqualTo("192.0.2.7"));
            Assert.That((string?)Single("session.revoked")["data"]!["sessionId"], Is.EqualTo(takeover.SessionId));
            Assert.That((string?)Single("session.revoked")["data"]!["reason"], Is.EqualTo("refresh_token_reused"));
            Assert.That((int?)Single("password.changed")["data"]!["sessionsEnded"], Is.Zero);
            Assert.That((int?)Single("password.reset")["data"]!["sessionsEnded"], Is.EqualTo(1));
            Assert.That((string?)Single("auth.logout")["data"]!["sessionId"], Is.EqualTo(last.SessionId));
        }

        secrets.AddRange([sameDevice.AccessToken, takeover.AccessToken, again.AccessToken, again.RefreshToken, last.AccessToken, last.RefreshToken, signed.AccessToken, signed.RefreshToken]);
        var everyPayload = string.Join("\n", Items(await GetOkAsync("/api/v1/admin/audit-events?pageSize=200", signed.AccessToken)).Select(e => e["data"]!.ToJsonString()));
        var logs = string.Join("\n", Factory.Logs);
        foreach (var secret in secrets)
        {
            Assert.That(everyPayload, Does.Not.Contain(secret), "an audit payload holds a password or token");
            Assert.That(logs, Does.Not.Contain(secret), "a log line holds a password or token");
        }
    }

    [Test]
    public async Task A_failed_login_for_an_unknown_email_belongs_to_no_organization()
    {
        var email = UniqueEmail("Nobody").ToUpperInvariant();

        await AssertProblemAsync(await LoginRawAsync(email, "whatever password"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        var signed = await OperatorAsync();
        var failures = Items(await GetOkAsync("/api/v1/admin/audit-events?type=auth.login_failed&pageSize=200", signed.AccessToken));
        var failure = failures.Single(e => (string?)e["data"]!["email"] == email.ToLowerInvariant());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure["organizationId"], Is.Null);
            Assert.That(failure["actorUserId"], Is.Null);
            Assert.That(failure["actorEmail"], Is.Null);
            Assert.That((string?)failure["data"]!["reason"], Is.EqualTo("invalid_credentials"));
            Assert.That(failure["data"]!.ToJsonString(), Does.Not.Contain("whatever password"));
        }
    }

    [Test]
    public async Task A_malformed_organization_id_or_time_is_a_validation_error()
    {
        var signed = await OperatorAsync();

        await AssertProblemAsync(await GetAsync("/api/v1/admin/audit-events?organizationId=not-a-guid", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await GetAsync("/api/v1/admin/audit-events?from=yesterday", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
