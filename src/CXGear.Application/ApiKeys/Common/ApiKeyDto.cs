using CXGear.Domain.ApiKeys;

namespace CXGear.Application.ApiKeys.Common;

/// <summary>
/// A key as lists show it: by prefix, never the secret. <c>status</c>: <c>active</c>, <c>rotating</c> (replaced,
/// still working until <c>retiresAt</c>), <c>revoked</c> or <c>expired</c>.
/// </summary>
public sealed record ApiKeyDto(
    Guid Id,
    Guid OrganizationId,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    string Status,
    Guid? CreatedByUserId,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RetiresAt,
    Guid? RotatedFromKeyId,
    Guid? ReplacedByKeyId,
    DateTime? RevokedAt,
    Guid? RevokedByUserId,
    string? RevokedReason,
    DateTime? LastUsedAt,
    string? LastUsedIp)
{
    public static ApiKeyDto From(ApiKey key, DateTime now) => new(
        key.Id,
        key.OrganizationId,
        key.Name,
        key.Prefix,
        key.Scopes,
        StatusOf(key, now),
        key.CreatedByUserId,
        key.CreatedAt,
        key.ExpiresAt,
        key.RetiresAt,
        key.RotatedFromKeyId,
        key.ReplacedByKeyId,
        key.RevokedAt,
        key.RevokedByUserId,
        key.RevokedReason,
        key.LastUsedAt,
        key.LastUsedIp);

    // The expiry sweep marks a key revoked at its expiry instant; such a key (and one revoked after it had expired
    // anyway) reads as expired, so its status does not flip when some later create happens to sweep it.
    private static string StatusOf(ApiKey key, DateTime now) =>
        key.RevokedAt is { } revokedAt && !(key.ExpiresAt is { } expired && expired <= revokedAt) ? "revoked"
        : key.ExpiresAt is { } expiry && expiry <= now ? "expired"
        : key.RetiresAt is { } retires ? (retires > now ? "rotating" : "revoked")
        : "active";
}

/// <summary>The one response that carries the secret: copy it now, it is not shown again.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto Key, string Secret)
{
    /// <summary>Records print their members; this one carries the secret.</summary>
    public override string ToString() => $"CreatedApiKeyDto {{ Key = {Key.Prefix} }}";
}
