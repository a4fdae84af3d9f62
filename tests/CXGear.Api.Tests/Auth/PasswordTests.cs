using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Auth;

public sealed class PasswordTests : ApiTestBase
{
    private const string NewPassword = "a brand new passphrase";

    private async Task<(string Email, string Token)> RequestResetAsync(Signed account)
    {
        var response = await PostAsync("/api/v1/auth/password/forgot", new { email = account.Email });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var mail = await Mailbox.WaitForAsync(Factory.MailDirectory, account.Email, TimeSpan.FromSeconds(10));
        Assert.That(mail, Is.Not.Null, "the reset mail was not written");
        var (link, email, token) = Mailbox.ResetLink(mail!);
        Assert.That(link, Does.StartWith("https://app.cxgear.test/reset-password?email="));
        return (email, token);
    }

    [Test]
    public async Task Forgot_password_mails_a_link_and_reset_ends_every_session()
    {
        var account = await SignUpAsync();
        var (email, token) = await RequestResetAsync(account);
        Assert.That(email, Is.EqualTo(account.Email));

        var reset = await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = NewPassword });

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync("/api/v1/me", account.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await LoginRawAsync(account.Email), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await LoginAsync(account.Email, NewPassword);
    }

    [Test]
    public async Task A_reset_token_works_once()
    {
        var account = await SignUpAsync();
        var (email, token) = await RequestResetAsync(account);
        await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = NewPassword });

        var again = await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = "yet another passphrase" });

        await AssertProblemAsync(again, HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
        await LoginAsync(account.Email, NewPassword, takeover: true);
    }

    [Test]
    public async Task A_reset_token_lives_one_hour()
    {
        var account = await SignUpAsync();
        var (email, token) = await RequestResetAsync(account);
        Advance(TimeSpan.FromHours(1));

        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = NewPassword }), HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
    }

    [Test]
    public async Task A_wrong_token_or_another_accounts_token_is_refused()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        var (_, aliceToken) = await RequestResetAsync(alice);

        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/reset", new { email = alice.Email, token = "wrong", newPassword = NewPassword }), HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/reset", new { email = bob.Email, token = aliceToken, newPassword = NewPassword }), HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/reset", new { email = UniqueEmail(), token = aliceToken, newPassword = NewPassword }), HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
    }

    [Test]
    public async Task A_newer_reset_request_retires_the_older_link()
    {
        var account = await SignUpAsync();
        var (email, first) = await RequestResetAsync(account);
        foreach (var file in Directory.GetFiles(Factory.MailDirectory))
        {
            File.Delete(file);
        }

        // Past the one-minute cooldown between two reset mails to one account.
        Advance(TimeSpan.FromSeconds(61));
        var (_, second) = await RequestResetAsync(account);

        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/reset", new { email, token = first, newPassword = NewPassword }), HttpStatusCode.BadRequest, "INVALID_RESET_TOKEN");
        Assert.That((await PostAsync("/api/v1/auth/password/reset", new { email, token = second, newPassword = NewPassword })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Reset_refuses_a_weak_new_password_and_keeps_the_token()
    {
        var account = await SignUpAsync();
        var (email, token) = await RequestResetAsync(account);

        var weak = await AssertProblemAsync(await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = "password" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(weak["errors"]!["newPassword"], Is.Not.Null);
        Assert.That((await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = NewPassword })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Forgot_password_answers_202_for_unknown_emails_and_sends_nothing()
    {
        var ghost = UniqueEmail("ghost");

        var response = await PostAsync("/api/v1/auth/password/forgot", new { email = ghost });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(await Mailbox.WaitForAsync(Factory.MailDirectory, ghost, TimeSpan.FromSeconds(1)), Is.Null);
    }

    [Test]
    public async Task Forgot_password_validates_the_email()
    {
        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/forgot", new { email = "nope" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task Reset_ends_a_lockout()
    {
        var account = await SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            await LoginRawAsync(account.Email, "wrong");
        }

        await AssertProblemAsync(await LoginRawAsync(account.Email), HttpStatusCode.Locked, "ACCOUNT_LOCKED");
        var (email, token) = await RequestResetAsync(account);
        await PostAsync("/api/v1/auth/password/reset", new { email, token, newPassword = NewPassword });

        await LoginAsync(account.Email, NewPassword);
    }

    [Test]
    public async Task Change_password_keeps_this_session_and_needs_the_current_password()
    {
        var account = await SignUpAsync();

        var wrong = await PostAsync("/api/v1/auth/password/change", new { currentPassword = "not it at all", newPassword = NewPassword }, account.AccessToken);
        var body = await AssertProblemAsync(wrong, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["currentPassword"], Is.Not.Null);

        var changed = await PostAsync("/api/v1/auth/password/change", new { currentPassword = Password, newPassword = NewPassword }, account.AccessToken);

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await GetAsync("/api/v1/me", account.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(await LoginRawAsync(account.Email), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await LoginAsync(account.Email, NewPassword);
    }

    [Test]
    public async Task Change_password_refuses_weak_passwords_and_anonymous_callers()
    {
        var account = await SignUpAsync();

        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/change", new { currentPassword = Password, newPassword = "12345678" }, account.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/password/change", new { currentPassword = Password, newPassword = NewPassword }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
