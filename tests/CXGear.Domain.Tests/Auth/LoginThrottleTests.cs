using CXGear.Domain.Auth;

namespace CXGear.Domain.Tests.Auth;

public sealed class LoginThrottleTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    private static LoginThrottle FailedTimes(int failures, DateTime at)
    {
        var throttle = LoginThrottle.For("key");
        for (var i = 0; i < failures; i++)
        {
            throttle.RegisterFailure(at);
        }

        return throttle;
    }

    [Test]
    public void For_sets_the_key_and_starts_unlocked()
    {
        var throttle = LoginThrottle.For("abc");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.Id, Is.EqualTo("abc"));
            Assert.That(throttle.FailedCount, Is.Zero);
            Assert.That(throttle.IsLockedAt(Now), Is.False);
        }
    }

    [Test]
    public void Four_failures_do_not_lock()
    {
        var throttle = LoginThrottle.For("key");

        var results = Enumerable.Range(0, 4).Select(_ => throttle.RegisterFailure(Now)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results, Is.All.False);
            Assert.That(throttle.FailedCount, Is.EqualTo(4));
            Assert.That(throttle.IsLockedAt(Now), Is.False);
            Assert.That(throttle.RemainingLockout(Now), Is.EqualTo(TimeSpan.Zero));
        }
    }

    [Test]
    public void The_fifth_failure_locks_for_fifteen_minutes()
    {
        var throttle = FailedTimes(4, Now);

        var locked = throttle.RegisterFailure(Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(locked, Is.True);
            Assert.That(throttle.LockedUntil, Is.EqualTo(Now.AddMinutes(15)));
            Assert.That(throttle.RemainingLockout(Now), Is.EqualTo(TimeSpan.FromMinutes(15)));
        }
    }

    [Test]
    public void IsLockedAt_holds_until_the_lockout_ends()
    {
        var throttle = FailedTimes(5, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.IsLockedAt(Now.AddMinutes(14).AddSeconds(59)), Is.True);
            Assert.That(throttle.IsLockedAt(Now.AddMinutes(15)), Is.False);
            Assert.That(throttle.IsLockedAt(Now.AddMinutes(16)), Is.False);
        }
    }

    [Test]
    public void RemainingLockout_counts_down_to_zero()
    {
        var throttle = FailedTimes(5, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.RemainingLockout(Now.AddMinutes(10)), Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(throttle.RemainingLockout(Now.AddMinutes(15)), Is.EqualTo(TimeSpan.Zero));
            Assert.That(throttle.RemainingLockout(Now.AddHours(1)), Is.EqualTo(TimeSpan.Zero));
        }
    }

    [Test]
    public void Failures_after_the_lockout_ends_start_counting_again()
    {
        var throttle = FailedTimes(5, Now);
        var later = Now.AddMinutes(20);

        var results = Enumerable.Range(0, 4).Select(_ => throttle.RegisterFailure(later)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results, Is.All.False);
            Assert.That(throttle.FailedCount, Is.EqualTo(4));
            Assert.That(throttle.LockedUntil, Is.Null);
            Assert.That(throttle.IsLockedAt(later), Is.False);
        }

        Assert.That(throttle.RegisterFailure(later), Is.True);
        Assert.That(throttle.LockedUntil, Is.EqualTo(later.AddMinutes(15)));
    }

    [Test]
    public void RegisterSuccess_resets_the_count()
    {
        var throttle = FailedTimes(4, Now);

        throttle.RegisterSuccess();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.FailedCount, Is.Zero);
            Assert.That(throttle.RegisterFailure(Now), Is.False, "a success must start the count over");
        }
    }

    [Test]
    public void RegisterSuccess_lifts_a_lockout()
    {
        var throttle = FailedTimes(5, Now);

        throttle.RegisterSuccess();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throttle.LockedUntil, Is.Null);
            Assert.That(throttle.IsLockedAt(Now), Is.False);
        }
    }
}
