using CXGear.Domain.Common;
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
    /// <summary>
    /// The one mapping, at an instant (the status depends on it): lists select with it, so a key's hash never leaves
    /// the database for a list; single reads evaluate it.
    /// </summary>
    public static readonly TimedExpression<ApiKey, ApiKeyDto> Projection = new((key, now) => new ApiKeyDto(
        key.Id,
        key.OrganizationId,
        key.Name,
        key.Prefix,
        key.Scopes,
        StatusOf(key.RevokedAt, key.ExpiresAt, key.RetiresAt, now),
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
        key.LastUsedIp));

    public static ApiKeyDto From(ApiKey key, DateTime now) => Projection.Evaluate(key, now);

    // The expiry sweep marks a key revoked at its expiry instant; such a key (and one revoked after it had expired
    // anyway) reads as expired, so its status does not flip when some later create happens to sweep it.
    private static string StatusOf(DateTime? revokedAt, DateTime? expiresAt, DateTime? retiresAt, DateTime now) =>
        revokedAt is { } revoked && !(expiresAt is { } expired && expired <= revoked) ? "revoked"
        : expiresAt is { } expiry && expiry <= now ? "expired"
        : retiresAt is { } retires ? (retires > now ? "rotating" : "revoked")
        : "active";
}

/// <summary>The one response that carries the secret: copy it now, it is not shown again.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto Key, string Secret)
{
    /// <summary>Records print their members; this one carries the secret.</summary>
    public override string ToString() => $"CreatedApiKeyDto {{ Key = {Key.Prefix} }}";
}
