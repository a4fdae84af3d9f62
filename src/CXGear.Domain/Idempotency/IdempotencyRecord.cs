using System.Security.Cryptography;
using System.Text;

namespace CXGear.Domain.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one credential (docs/api.md#idempotency-key). Inserted as a claim before the work runs (the unique
/// (scope, key) index decides which of two concurrent requests runs), completed with the response to replay, and
/// forgotten after <see cref="Retention"/>. A claim whose instance died is retaken once its lease ends.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 255;
    public const int MaxScopeLength = 100;

    /// <summary>How long a key is remembered, from the first request that used it.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long a claim stays "in progress" without completing before another request may retake it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often a running request renews its claim's lease: a third of it, so two missed renewals (a busy database)
    /// still leave the claim held.
    /// </summary>
    public static readonly TimeSpan RenewEvery = Lease / 3;

    private IdempotencyRecord()
    {
        Scope = string.Empty;
        KeyHash = [];
        RequestHash = [];
    }

    public Guid Id { get; private set; }

    /// <summary>The credential the key belongs to, e.g. <c>key:{apiKeyId}</c> or <c>webhook:{tableId}</c>.</summary>
    public string Scope { get; private set; }

    /// <summary>
    /// SHA-256 of the key: compared byte for byte on every database (a SQL Server text column would compare keys
    /// case-insensitively), and a fixed 32 bytes in the unique index whatever the key's length.
    /// </summary>
    public byte[] KeyHash { get; private set; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused, never replayed.</summary>
    public byte[] RequestHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime ExpiresAt { get; private set; }

    /// <summary>Changes at each (re)claim, so only the current holder can complete or release the claim.</summary>
    public Guid ClaimToken { get; private set; }

    /// <summary>While not completed: when the claim may be retaken by another request.</summary>
    public DateTime LockedUntil { get; private set; }

    public DateTime? CompletedAt { get; private set; }

    public int? ResponseStatus { get; private set; }

    public string? ResponseContentType { get; private set; }

    public byte[]? ResponseBody { get; private set; }

    public static IdempotencyRecord Claim(string scope, string key, byte[] requestHash, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scope.Length, MaxScopeLength, nameof(scope));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxKeyLength, nameof(key));
        return new IdempotencyRecord
        {
            Id = Common.Ids.New(now),
            Scope = scope,
            KeyHash = HashKey(key),
            RequestHash = requestHash,
            CreatedAt = now,
            ExpiresAt = now + Retention,
            ClaimToken = Guid.NewGuid(),
            LockedUntil = now + Lease,
        };
    }

    public static byte[] HashKey(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool IsCompleted => CompletedAt is not null;

    public bool IsExpiredAt(DateTime now) => now >= ExpiresAt;

    public bool IsHeldAt(DateTime now) => !IsCompleted && now < LockedUntil;

    public bool Matches(ReadOnlySpan<byte> requestHash) => RequestHash.AsSpan().SequenceEqual(requestHash);
}
