using CXGear.Domain.Common;

namespace CXGear.Domain.Users;

/// <summary>A single-use, one-hour password reset token, stored as a hash.</summary>
public sealed class PasswordResetToken
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private PasswordResetToken() => TokenHash = string.Empty;

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    public static PasswordResetToken Issue(Guid userId, string tokenHash, DateTime now) => new()
    {
        Id = Ids.New(now),
        UserId = userId,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsUsableAt(DateTime now) => UsedAt is null && now < ExpiresAt;

    /// <summary>Retires a token that was never used, because a newer one or a reset superseded it.</summary>
    public void Retire(DateTime now) => UsedAt ??= now;
}
