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

    /// <summary>Counts a failure; the fifth in a row locks the address for 15 minutes. Returns true when locked.</summary>
    public bool RegisterFailure(DateTime now)
    {
        if (LockedUntil is { } until && now >= until)
        {
            LockedUntil = null;
            FailedCount = 0;
        }

        FailedCount++;
        if (FailedCount >= MaxFailures)
        {
            LockedUntil = now + LockoutDuration;
            FailedCount = 0;
            return true;
        }

        return false;
    }

    public void RegisterSuccess()
    {
        FailedCount = 0;
        LockedUntil = null;
    }
}
