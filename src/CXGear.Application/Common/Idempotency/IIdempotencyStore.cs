namespace CXGear.Application.Common.Idempotency;

/// <summary>
/// Where Idempotency-Key records live (docs/api.md#idempotency-key): in the database, so every API instance sees the same claims.
/// All times come from <see cref="TimeProvider"/>.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> of <paramref name="scope"/> for a request whose fingerprint is
    /// <paramref name="requestHash"/>. Exactly one of several concurrent callers gets <see cref="IdempotencyClaim.Acquired"/>.
    /// </summary>
    Task<IdempotencyClaim> TryClaimAsync(string scope, string key, byte[] requestHash, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the claim for another <see cref="Domain.Idempotency.IdempotencyRecord.Lease"/> from now, while its request
    /// still runs. False when the claim is no longer this request's (completed, released, or retaken after a lapse).
    /// </summary>
    Task<bool> RenewAsync(IdempotencyClaim.Acquired claim, CancellationToken cancellationToken);

    /// <summary>Stores the response to replay. Does nothing when the claim was lost (its lease ended and another request retook it).</summary>
    Task CompleteAsync(IdempotencyClaim.Acquired claim, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Forgets the claim so that a retry runs again (the work failed and changed nothing).</summary>
    Task ReleaseAsync(IdempotencyClaim.Acquired claim, CancellationToken cancellationToken);

    /// <summary>Deletes records past their 24 hours; returns how many.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>The response of the first execution, replayed byte for byte.</summary>
public sealed record StoredResponse(int Status, string? ContentType, byte[] Body);

/// <summary>What <see cref="IIdempotencyStore.TryClaimAsync"/> found.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>This request runs; complete or release the claim afterwards.</summary>
    public sealed record Acquired(Guid RecordId, Guid ClaimToken) : IdempotencyClaim;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : IdempotencyClaim;

    /// <summary>The key was used with another request (method, path or body).</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The key's first request finished: replay its response.</summary>
    public sealed record Completed(StoredResponse Response) : IdempotencyClaim;
}
