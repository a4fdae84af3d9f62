using CXGear.Domain.Common;

namespace CXGear.Domain.Sessions;

/// <summary>
/// One refresh token of a session, stored as a hash. Spent tokens are kept until the session ends so
/// that a replayed one is recognised (and ends the session) rather than looking merely unknown.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken() => TokenHash = string.Empty;

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public string TokenHash { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ConsumedAt { get; private set; }

    public bool IsSpent => ConsumedAt is not null;

    public static RefreshToken Issue(Guid sessionId, string tokenHash, DateTime now) => new()
    {
        Id = Ids.New(now),
        SessionId = sessionId,
        TokenHash = tokenHash,
        CreatedAt = now,
    };
}
