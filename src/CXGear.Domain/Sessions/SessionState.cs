using CXGear.Domain.Common;

namespace CXGear.Domain.Sessions;

/// <summary>What a request may do with a session: continue, or stop with one of four codes.</summary>
public enum SessionState
{
    Live = 0,
    Expired = 1,
    Revoked = 2,
    Replaced = 3,

    /// <summary>The session is live but its organization is suspended: refused (403) until reactivated, not ended.</summary>
    OrganizationSuspended = 4,
}

public static class SessionStates
{
    public static SessionState FromEndReason(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Expired => SessionState.Expired,
        SessionEndReason.Replaced => SessionState.Replaced,
        _ => SessionState.Revoked,
    };

    /// <summary>
    /// The error code and message for a session that can no longer be used; <paramref name="keepsChanges"/> when the
    /// refusal also ended the session and that must be saved (see <see cref="CXGearException.KeepsChanges"/>).
    /// </summary>
    public static CXGearException ToException(this SessionState state, bool keepsChanges = false) => state switch
    {
        SessionState.Expired => new CXGearException(ErrorCodes.SessionExpired, "Your session has expired. Sign in again.") { KeepsChanges = keepsChanges },
        SessionState.Replaced => new CXGearException(ErrorCodes.SessionReplaced, "Your session was replaced by a sign-in on another device.") { KeepsChanges = keepsChanges },
        SessionState.Revoked => new CXGearException(ErrorCodes.SessionRevoked, "Your session was ended. Sign in again.") { KeepsChanges = keepsChanges },
        SessionState.OrganizationSuspended => Organizations.OrganizationStatuses.SuspendedError(keepsChanges),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A live session is not an error."),
    };
}
