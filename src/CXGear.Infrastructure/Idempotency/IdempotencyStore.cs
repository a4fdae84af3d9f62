using System.Runtime.ExceptionServices;
using CXGear.Application.Common.Idempotency;
using CXGear.Domain.Idempotency;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Idempotency;

/// <summary>
/// Claims are rows: inserting one is the claim, and the unique (scope, key) index lets one of several concurrent
/// requests win on any number of instances. Everything after the insert is a conditional statement on the row
/// (never the change tracker), so the handler's own unit of work on the same context is left alone.
/// </summary>
internal sealed class IdempotencyStore(AppDbContext db, TimeProvider clock) : IIdempotencyStore
{
    private const int Attempts = 4;

    private DbSet<IdempotencyRecord> Records => db.Set<IdempotencyRecord>();

    public async Task<IdempotencyClaim> TryClaimAsync(string scope, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var keyHash = IdempotencyRecord.HashKey(key);
        DbUpdateException? refused = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await Records.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Scope == scope && r.KeyHash == keyHash, cancellationToken);

            if (existing is null)
            {
                if (refused is not null)
                {
                    // The insert failed and no winner's row is there: a real database error, not a lost race.
                    ExceptionDispatchInfo.Throw(refused);
                }

                var claim = IdempotencyRecord.Claim(scope, key, requestHash, now);
                refused = await TryInsertAsync(claim, cancellationToken);
                if (refused is null)
                {
                    return new IdempotencyClaim.Acquired(claim.Id, claim.ClaimToken);
                }

                continue; // Most likely another request inserted it first: read what it left.
            }

            refused = null;

            if (existing.IsExpiredAt(now))
            {
                // Past its 24 hours the key is free again; whoever deletes it, the next loop inserts a fresh claim.
                await Records.Where(r => r.Id == existing.Id && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!existing.Matches(requestHash))
            {
                return new IdempotencyClaim.Mismatch();
            }

            if (existing.IsCompleted)
            {
                return new IdempotencyClaim.Completed(new StoredResponse(
                    existing.ResponseStatus ?? 500, existing.ResponseContentType, existing.ResponseBody ?? []));
            }

            if (existing.IsHeldAt(now))
            {
                return new IdempotencyClaim.InProgress();
            }

            // The holder's lease ran out (its instance died, or it hung): retake the claim, one taker wins.
            var token = Guid.NewGuid();
            var lockedUntil = now + IdempotencyRecord.Lease;
            var retaken = await Records
                .Where(r => r.Id == existing.Id && r.ClaimToken == existing.ClaimToken && r.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimToken, token).SetProperty(r => r.LockedUntil, lockedUntil), cancellationToken);
            if (retaken == 1)
            {
                return new IdempotencyClaim.Acquired(existing.Id, token);
            }
        }

        // Lost every race in a row: another request keeps changing the row, so it is running.
        return new IdempotencyClaim.InProgress();
    }

    public async Task<bool> RenewAsync(IdempotencyClaim.Acquired claim, CancellationToken cancellationToken)
    {
        var lockedUntil = clock.GetUtcNow().UtcDateTime + IdempotencyRecord.Lease;
        var renewed = await Records
            .Where(r => r.Id == claim.RecordId && r.ClaimToken == claim.ClaimToken && r.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, lockedUntil), cancellationToken);
        return renewed == 1;
    }

    public Task CompleteAsync(IdempotencyClaim.Acquired claim, StoredResponse response, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Records
            .Where(r => r.Id == claim.RecordId && r.ClaimToken == claim.ClaimToken && r.CompletedAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.CompletedAt, now)
                    .SetProperty(r => r.ResponseStatus, response.Status)
                    .SetProperty(r => r.ResponseContentType, response.ContentType)
                    .SetProperty(r => r.ResponseBody, response.Body),
                cancellationToken);
    }

    public Task ReleaseAsync(IdempotencyClaim.Acquired claim, CancellationToken cancellationToken) =>
        Records
            .Where(r => r.Id == claim.RecordId && r.ClaimToken == claim.ClaimToken && r.CompletedAt == null)
            .ExecuteDeleteAsync(cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Records.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<DbUpdateException?> TryInsertAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        var entry = db.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex)
        {
            // Usually the unique (scope, key) index refusing a second claim; the caller reads the winner's row.
            return ex;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }
}
