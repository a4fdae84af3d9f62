using CXGear.Domain.Common;

namespace CXGear.Domain.Sessions;

/// <summary>
/// The single-session rule at sign-in (docs/api.md#user-access-tokens-and-sessions): a user's timed-out sessions are closed,
/// one on the same device label and IP is replaced silently, and a live one elsewhere blocks the sign-in
/// unless the caller asks to take over.
/// </summary>
public static class SessionGate
{
    public static void Admit(IEnumerable<Session> openSessions, string deviceLabel, string ipAddress, bool takeover, DateTime now)
    {
        var open = openSessions.Where(s => s.EndReason is null).ToList();
        foreach (var stale in open.Where(s => !s.IsLiveAt(now)))
        {
            stale.End(SessionEndReason.Expired, now);
        }

        var live = open.Where(s => s.EndReason is null).ToList();
        var conflict = live.FirstOrDefault(s => !s.IsSameDevice(deviceLabel, ipAddress));
        if (conflict is not null && !takeover)
        {
            throw Conflict(conflict);
        }

        foreach (var session in live)
        {
            session.End(SessionEndReason.Replaced, now);
        }
    }

    private static CXGearException Conflict(Session previous)
    {
        var error = new CXGearException(
            ErrorCodes.SessionConflict,
            $"You are signed in on another device ({previous.DeviceLabel}). Sign in with takeover to end that session and continue here.");
        error.Extensions["previousSession"] = new Dictionary<string, object?>
        {
            ["deviceLabel"] = previous.DeviceLabel,
            ["ipAddress"] = previous.IpAddress,
            ["startedAt"] = previous.StartedAt,
            ["lastActiveAt"] = previous.LastActiveAt,
        };
        return error;
    }
}
