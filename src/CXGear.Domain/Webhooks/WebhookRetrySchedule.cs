namespace CXGear.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: one minute after the first failure, doubling each time up to twelve hours
/// between attempts, each delay moved by up to ±20 % (jitter, so a receiver that comes back is not hit by every
/// waiting delivery in the same second), and no attempt once three days have passed since the delivery was created.
/// That is 13 to 17 attempts in about 72 hours: a receiver down for a weekend still gets its events.
/// </summary>
public static class WebhookRetrySchedule
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);
    public const double Jitter = 0.2;

    /// <summary>The delay after the <paramref name="failedAttempts"/>-th failure, before jitter.</summary>
    public static TimeSpan BaseDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 20);
        var delay = FirstDelay * Math.Pow(2, exponent);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>
    /// The next attempt after <paramref name="failedAttempts"/> failures, or null when it would fall outside the
    /// window (the delivery has failed for good). <paramref name="random"/> is in [0, 1), from the caller's source.
    /// </summary>
    public static DateTime? NextAttemptAt(DateTime createdAt, int failedAttempts, DateTime now, double random)
    {
        var delay = BaseDelay(failedAttempts) * (1 + Jitter * ((2 * random) - 1));
        var next = now + delay;
        return next - createdAt > Window ? null : next;
    }
}
