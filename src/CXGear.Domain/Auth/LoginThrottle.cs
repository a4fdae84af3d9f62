using CXGear.Domain.Common;

namespace CXGear.Domain.Auth;

/// <summary>
/// Failed-login counter for one email address, whether or not an account exists for it: locking
/// unknown addresses the same way keeps lockout from revealing which emails are registered.
/// The key is a hash of the normalized email, so the table holds no addresses.
/// </summary>
public sealed class LoginThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private LoginThrottle() => Id = string.Empty;

    public string Id { get; private set; }
    public int FailedCount { get; private set; }
    public DateTime? LockedUntil { get; private set; }

    public static LoginThrottle For(string key) => new() { Id = key };

    public bool IsLockedAt(DateTime now) => LockedUntil is { } until && now < until;

    public TimeSpan RemainingLockout(DateTime now) => LockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;

    /// <summary>
    /// The failure rule, once, for the entity and for the database: a lock that has ended starts the count again; the
    /// fifth failure in a row locks the address for <see cref="LockoutDuration"/> and resets the count. The database
    /// applies it in one <c>UPDATE</c>, so N parallel misses count N.
    /// </summary>
    public static TimedExpression<LoginThrottle, int> CountAfterFailure { get; } = new((t, now) =>
        ((t.LockedUntil != null && now >= t.LockedUntil ? 1 : t.FailedCount + 1) >= MaxFailures)
            ? 0
            : (t.LockedUntil != null && now >= t.LockedUntil ? 1 : t.FailedCount + 1));

    /// <inheritdoc cref="CountAfterFailure"/>
    public static TimedExpression<LoginThrottle, DateTime?> LockedUntilAfterFailure { get; } = new((t, now) =>
        ((t.LockedUntil != null && now >= t.LockedUntil ? 1 : t.FailedCount + 1) >= MaxFailures)
            ? now + LockoutDuration
            : (t.LockedUntil != null && now >= t.LockedUntil ? null : t.LockedUntil));

    /// <summary>Counts a failure in memory by the same rule. Returns true when the address is now locked.</summary>
    public bool RegisterFailure(DateTime now)
    {
        var lockedUntil = LockedUntilAfterFailure.Evaluate(this, now);
        FailedCount = CountAfterFailure.Evaluate(this, now);
        LockedUntil = lockedUntil;
        return IsLockedAt(now);
    }

    public void RegisterSuccess()
    {
        FailedCount = 0;
        LockedUntil = null;
    }
}
