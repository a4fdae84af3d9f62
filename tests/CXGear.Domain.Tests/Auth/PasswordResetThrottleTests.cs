using CXGear.Domain.Auth;

namespace CXGear.Domain.Tests.Auth;

public sealed class PasswordResetThrottleTests
{
    private static readonly DateTime Now = new(2026, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    [Test]
    public void The_first_mail_goes_and_the_next_waits_a_full_minute()
    {
        var throttle = PasswordResetThrottle.For(Guid.NewGuid());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.TrySend(Now), Is.True);
            Assert.That(throttle.TrySend(Now.AddSeconds(59)), Is.False);
            Assert.That(throttle.TrySend(Now.AddSeconds(60)), Is.True);
        }
    }

    [Test]
    public void Five_mails_in_an_hour_then_none_until_the_oldest_is_an_hour_old()
    {
        var throttle = PasswordResetThrottle.For(Guid.NewGuid());
        for (var i = 0; i < PasswordResetThrottle.MaxMailsPerWindow; i++)
        {
            Assert.That(throttle.TrySend(Now.AddMinutes(i * 10)), Is.True);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.TrySend(Now.AddMinutes(59)), Is.False, "a sixth within the hour");
            Assert.That(throttle.TrySend(Now.AddHours(1)), Is.True, "the first has left the window");
            Assert.That(throttle.TrySend(Now.AddHours(1).AddMinutes(5)), Is.False, "the second (at 10 min) has not");
            Assert.That(throttle.TrySend(Now.AddHours(1).AddMinutes(10)), Is.True);
        }
    }

    [Test]
    public void A_refused_mail_counts_nothing()
    {
        var throttle = PasswordResetThrottle.For(Guid.NewGuid());
        throttle.TrySend(Now);
        for (var i = 1; i < 60; i++)
        {
            throttle.TrySend(Now.AddSeconds(i));
        }

        Assert.That(throttle.TrySend(Now.AddSeconds(60)), Is.True, "59 refused requests do not extend the cooldown");
    }
}
