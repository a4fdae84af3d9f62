using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Auth;

/// <summary>
/// docs/api.md#auth: forgot-password mails an account at most once a minute and five times an hour, and the
/// answer never shows whether a mail went out (or whether the account exists). Mail is sent by a background worker
/// that takes requests in order, so a fresh account's mail arriving proves every earlier request was handled.
/// </summary>
public sealed class ForgotPasswordCooldownTests : ApiTestBase
{
    private const string ResetSubject = "Reset your CXGear password";

    private async Task<(HttpStatusCode Status, string Body)> ForgotAsync(string email)
    {
        var response = await PostAsync("/api/v1/auth/password/forgot", new { email });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private int ResetMailsTo(string email) =>
        Mailbox.Read(Factory.MailDirectory).Count(m =>
            m.Subject == ResetSubject && m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Every forgot-password request sent so far has been handled once a new account's own mail is written.</summary>
    private async Task DrainAsync()
    {
        var barrier = await SignUpAsync();
        await ForgotAsync(barrier.Email);
        Assert.That(await Mailbox.WaitForAsync(Factory.MailDirectory, barrier.Email, TimeSpan.FromSeconds(30)), Is.Not.Null, "the worker stalled");
    }

    [Test]
    public async Task An_account_gets_one_mail_a_minute_and_five_an_hour_and_every_answer_is_the_same()
    {
        var account = await SignUpAsync();
        var start = Factory.Clock.GetUtcNow();

        var first = await ForgotAsync(account.Email);
        var withinTheMinute = await ForgotAsync(account.Email);
        await DrainAsync();
        var afterTwoWithinAMinute = ResetMailsTo(account.Email);

        Advance(TimeSpan.FromSeconds(61));
        await ForgotAsync(account.Email);
        await DrainAsync();
        var afterAMinute = ResetMailsTo(account.Email);

        for (var i = 0; i < 3; i++)
        {
            // Handled before the clock moves on: the worker reads the clock when it takes a request.
            Advance(TimeSpan.FromSeconds(61));
            await ForgotAsync(account.Email);
            await DrainAsync();
        }

        Advance(TimeSpan.FromSeconds(61));
        var sixthWithinTheHour = await ForgotAsync(account.Email);
        await DrainAsync();
        var afterSixWithinTheHour = ResetMailsTo(account.Email);

        // An hour after the first mail, one more is allowed: the window slides with the mails.
        Advance(start + TimeSpan.FromHours(1) - Factory.Clock.GetUtcNow());
        await ForgotAsync(account.Email);
        await DrainAsync();
        var anHourAfterTheFirst = ResetMailsTo(account.Email);

        var unknown = await ForgotAsync(UniqueEmail("ghost"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterTwoWithinAMinute, Is.EqualTo(1), "two requests within 60 s send one mail");
            Assert.That(afterAMinute, Is.EqualTo(2), "61 s later a second mail");
            Assert.That(afterSixWithinTheHour, Is.EqualTo(5), "the sixth request within the hour sends nothing");
            Assert.That(anHourAfterTheFirst, Is.EqualTo(6));
            Assert.That(first, Is.EqualTo((HttpStatusCode.Accepted, string.Empty)));
            Assert.That(withinTheMinute, Is.EqualTo(first), "cooling down answers as a mail sent");
            Assert.That(sixthWithinTheHour, Is.EqualTo(first), "over the hourly cap answers as a mail sent");
            Assert.That(unknown, Is.EqualTo(first), "an unknown email answers the same");
        }
    }

    [Test]
    public async Task The_cooldown_is_per_account()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();

        await ForgotAsync(alice.Email);
        await ForgotAsync(bob.Email);
        await DrainAsync();

        Assert.That((ResetMailsTo(alice.Email), ResetMailsTo(bob.Email)), Is.EqualTo((1, 1)));
    }
}
