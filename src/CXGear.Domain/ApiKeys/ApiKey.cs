using CXGear.Domain.Billing;
using CXGear.Domain.Common;

namespace CXGear.Domain.ApiKeys;

/// <summary>
/// An organization's credential for machines. Only the SHA-256 of the secret is kept; the lookup prefix
/// (<c>cxg_</c> + 8 characters) is what people see. A rotated key keeps working until its grace ends, then is
/// refused like a revoked one; it shares its successor's place on the API keys meter meanwhile.
/// </summary>
public sealed class ApiKey : IHoldsMeterUnits, IRecordsMeterChanges
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 500;

    private readonly MeterChangeLog _meterChanges = new();
    private List<string> _scopes = [];

    private ApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        SecretHash = [];
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; }
    public string Prefix { get; private set; }
    public byte[] SecretHash { get; private set; }
    public IReadOnlyList<string> Scopes => _scopes;
    public Guid? CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public Guid? RevokedByUserId { get; private set; }
    public string? RevokedReason { get; private set; }

    /// <summary>Set on the old key by a rotation: it stops working at this instant.</summary>
    public DateTime? RetiresAt { get; private set; }
    public Guid? ReplacedByKeyId { get; private set; }
    public Guid? RotatedFromKeyId { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public string? LastUsedIp { get; private set; }

    public static ApiKey Create(Guid organizationId, string name, IEnumerable<string> scopes, DateTime? expiresAt, string prefix, byte[] secretHash, Guid? createdBy, DateTime now)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new CXGearException(ErrorCodes.ValidationError, $"Key name is required and at most {MaxNameLength} characters.");
        }

        var scopeList = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (scopeList.Count == 0 || scopeList.Any(s => !ApiKeyScopes.IsKnown(s)))
        {
            throw new CXGearException(ErrorCodes.ValidationError, "Scopes must be one or both of: ingest, trigger.");
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new CXGearException(ErrorCodes.ValidationError, "expiresAt must be in the future.");
        }

        return new ApiKey
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            Name = trimmed,
            Prefix = prefix,
            SecretHash = secretHash,
            _scopes = scopeList,
            CreatedByUserId = createdBy,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
    }

    /// <summary>Usable: not revoked, not past its expiry, not past the grace of a rotation.</summary>
    public static TimedRule<ApiKey> Usable { get; } = new((k, now) =>
        k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now) && (k.RetiresAt == null || k.RetiresAt > now));

    /// <summary>Past its expiry yet still holding its place on the meter: what the create-time sweep gives back.</summary>
    public static TimedRule<ApiKey> ExpiredHoldingPlace { get; } = new((k, now) =>
        k.RevokedAt == null && k.ReplacedByKeyId == null && k.ExpiresAt != null && k.ExpiresAt <= now);

    public bool IsUsableAt(DateTime now) => Usable.IsSatisfiedBy(this, now);

    /// <summary>
    /// Holds a place on the API keys meter: not revoked and not superseded by a rotation. An expired key keeps its
    /// place until the create-time sweep or a revocation releases it; otherwise revoking it would release nothing
    /// and the sweep (which skips revoked keys) would never release it either.
    /// </summary>
    public bool HoldsMeterPlace => RevokedAt is null && ReplacedByKeyId is null;

    public IEnumerable<MeterChange> HeldUnits() => HoldsMeterPlace ? [new MeterChange(OrganizationId, Meter.ApiKeys, 1)] : [];

    public IReadOnlyList<MeterChange> DrainMeterChanges() => _meterChanges.Drain();

    /// <summary>
    /// Marks a key past its expiry as revoked at that instant (reason <c>expired</c>), giving its place back. Returns
    /// false for a key that is not expired or no longer holds a place.
    /// </summary>
    public bool SweepIfExpired(DateTime now)
    {
        if (!ExpiredHoldingPlace.IsSatisfiedBy(this, now))
        {
            return false;
        }

        RevokedAt = ExpiresAt;
        RevokedReason = "expired";
        _meterChanges.GiveBack(OrganizationId, Meter.ApiKeys);
        return true;
    }

    public bool HasScope(string scope) => _scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Stops the key; a key that still held a place on the meter gives it back. Revoking twice changes nothing.</summary>
    public void Revoke(Guid? byUserId, string? reason, DateTime now)
    {
        if (RevokedAt is not null)
        {
            return;
        }

        if (HoldsMeterPlace)
        {
            _meterChanges.GiveBack(OrganizationId, Meter.ApiKeys);
        }

        RevokedAt = now;
        RevokedByUserId = byUserId;
        RevokedReason = reason is null ? null : reason.Trim()[..Math.Min(reason.Trim().Length, MaxReasonLength)];
    }

    /// <summary>
    /// Ends a rotation's grace now, because a key that replaced this one (directly or through later rotations) was
    /// revoked: the grace exists to move clients to the successor, and a revoked successor means the credential is
    /// to stop, not to live on for the rest of a day under its old secret. False when there was no grace left.
    /// </summary>
    public bool EndGrace(DateTime now)
    {
        if (RevokedAt is not null || RetiresAt is not { } retires || retires <= now)
        {
            return false;
        }

        RetiresAt = now;
        return true;
    }

    /// <summary>
    /// The successor takes this key's name, scopes and expiry; this key keeps working for <paramref name="grace"/>
    /// (zero: it stops now).
    /// </summary>
    public ApiKey Rotate(TimeSpan grace, string prefix, byte[] secretHash, Guid? byUserId, DateTime now)
    {
        if (!IsUsableAt(now) || ReplacedByKeyId is not null)
        {
            throw new CXGearException(ErrorCodes.Conflict, "Only an active key that has not been rotated already can be rotated.");
        }

        var successor = Create(OrganizationId, Name, _scopes, ExpiresAt, prefix, secretHash, byUserId, now);
        successor.RotatedFromKeyId = Id;

        // The successor takes the place this key gives back: the pair nets to nothing on the meter.
        _meterChanges.GiveBack(OrganizationId, Meter.ApiKeys);
        ReplacedByKeyId = successor.Id;
        RetiresAt = now + grace;
        return successor;
    }
}
