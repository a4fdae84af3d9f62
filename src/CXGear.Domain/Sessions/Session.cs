using System.Security.Cryptography;

namespace CXGear.Domain.Sessions;

/// <summary>
/// One signed-in browser or tool. A user holds at most one open session; every JWT names its session
/// (<c>sid</c>) and is refused once the session has ended.
/// </summary>
public sealed class Session
{
    public const int MaxDeviceLabelLength = 100;
    public const int MaxIpAddressLength = 45;

    private Session()
    {
        DeviceLabel = string.Empty;
        IpAddress = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string DeviceLabel { get; private set; }
    public string IpAddress { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime LastActiveAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public SessionEndReason? EndReason { get; private set; }

    public DateTime ExpiresAt => StartedAt + SessionPolicy.AbsoluteLifetime;

    /// <summary>Opens a session. Its id is 128 random bits, not a time-ordered id: it must not be guessable.</summary>
    public static Session Start(Guid userId, Guid organizationId, string deviceLabel, string ipAddress, DateTime now) => new()
    {
        Id = new Guid(RandomNumberGenerator.GetBytes(16)),
        UserId = userId,
        OrganizationId = organizationId,
        DeviceLabel = Truncate(deviceLabel, MaxDeviceLabelLength),
        IpAddress = Truncate(ipAddress, MaxIpAddressLength),
        StartedAt = now,
        LastActiveAt = now,
    };

    public SessionState StateAt(DateTime now) => SessionPolicy.Evaluate(StartedAt, LastActiveAt, EndReason, now);

    public bool IsLiveAt(DateTime now) => StateAt(now) == SessionState.Live;

    /// <summary>Same device label and IP: the product replaces such a session silently at login.</summary>
    public bool IsSameDevice(string deviceLabel, string ipAddress) =>
        string.Equals(DeviceLabel, Truncate(deviceLabel, MaxDeviceLabelLength), StringComparison.Ordinal)
        && string.Equals(IpAddress, Truncate(ipAddress, MaxIpAddressLength), StringComparison.Ordinal);

    /// <summary>Ends the session once; later calls keep the first reason.</summary>
    public void End(SessionEndReason reason, DateTime now)
    {
        if (EndReason is not null)
        {
            return;
        }

        // A session that already timed out is recorded as expired, whatever ends it now.
        var timedOut = StateAt(now) == SessionState.Expired;
        EndReason = timedOut ? SessionEndReason.Expired : reason;
        EndedAt = timedOut ? Min(now, ExpiryMoment()) : now;
    }

    public void Touch(DateTime now)
    {
        if (now > LastActiveAt)
        {
            LastActiveAt = now;
        }
    }

    private DateTime ExpiryMoment() => Min(ExpiresAt, LastActiveAt + SessionPolicy.IdleTimeout);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
