using CXGear.Domain.Common;

namespace CXGear.Domain.Auth;

/// <summary>
/// The reset mails one account was sent, so forgot-password cannot be used to flood an inbox: at most one mail per
/// <see cref="Cooldown"/> and <see cref="MaxMailsPerWindow"/> per <see cref="Window"/>, a sliding hour. It keeps the
/// times of the last five mails (<see cref="SentAt1"/> the oldest, <see cref="SentAt5"/> the newest): a mail may go
/// when the newest is a minute old and the oldest of five an hour old. Five columns rather than a row per mail, so
/// "may send, and count it" is one conditional <c>UPDATE</c> on every database, whatever the number of instances.
/// A refused mail changes nothing, so the request that finds the account cooling down is answered like any other.
/// </summary>
public sealed class PasswordResetThrottle
{
    public const int MaxMailsPerWindow = 5;
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private PasswordResetThrottle()
    {
    }

    /// <summary>The account's user id.</summary>
    public Guid UserId { get; private set; }

    public DateTime? SentAt1 { get; private set; }
    public DateTime? SentAt2 { get; private set; }
    public DateTime? SentAt3 { get; private set; }
    public DateTime? SentAt4 { get; private set; }
    public DateTime? SentAt5 { get; private set; }

    public static PasswordResetThrottle For(Guid userId) => new() { UserId = userId };

    /// <summary>
    /// The rule, once, for the entity and for the database: the newest mail is at least <see cref="Cooldown"/> old
    /// and the fifth newest at least <see cref="Window"/> old (or there are not five yet).
    /// </summary>
    public static TimedRule<PasswordResetThrottle> MaySend { get; } = new((t, now) =>
        (t.SentAt5 == null || t.SentAt5 <= now - Cooldown) && (t.SentAt1 == null || t.SentAt1 <= now - Window));

    /// <summary>Counts a mail sent now when <see cref="MaySend"/> allows it (the database does the same in one statement).</summary>
    public bool TrySend(DateTime now)
    {
        if (!MaySend.IsSatisfiedBy(this, now))
        {
            return false;
        }

        (SentAt1, SentAt2, SentAt3, SentAt4, SentAt5) = (SentAt2, SentAt3, SentAt4, SentAt5, now);
        return true;
    }
}
