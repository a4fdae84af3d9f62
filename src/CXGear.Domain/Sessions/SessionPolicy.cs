namespace CXGear.Domain.Sessions;

/// <summary>The product's session lifetimes (docs/api.md#user-access-tokens-and-sessions).</summary>
public static class SessionPolicy
{
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(2);

    /// <summary>Last-active is written at most this often, so busy users do not write on every request.</summary>
    public static readonly TimeSpan ActivityWriteInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The one rule for a session's state, used by login, refresh and the per-request check alike.
    /// A session can time out before anyone writes <c>EndedAt</c>, so time is checked even when it is null.
    /// </summary>
    public static SessionState Evaluate(DateTime startedAt, DateTime lastActiveAt, SessionEndReason? endReason, DateTime now)
    {
        if (endReason is { } reason)
        {
            return SessionStates.FromEndReason(reason);
        }

        if (now >= startedAt + AbsoluteLifetime || now >= lastActiveAt + IdleTimeout)
        {
            return SessionState.Expired;
        }

        return SessionState.Live;
    }
}
