using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Common.Persistence;

/// <summary>
/// Row locks a claim can ask for. LINQ has no locking clause, so the query is tagged and the PostgreSQL provider's
/// command interceptor ends the tagged statement with <c>FOR UPDATE SKIP LOCKED</c>: the rows it returns are locked
/// for the caller's transaction and rows another transaction holds are left out instead of waited for. Only where
/// <see cref="Abstractions.IApplicationDbContext.SkipsLockedRows"/>; elsewhere the tag is a comment.
/// </summary>
public static class RowLocks
{
    public const string SkipLockedTag = "cxgear:for-update-skip-locked";

    /// <summary>Lock the rows this single-table query returns, skipping locked ones (PostgreSQL).</summary>
    public static IQueryable<T> ForUpdateSkipLocked<T>(this IQueryable<T> query) => query.TagWith(SkipLockedTag);

    /// <summary>
    /// A claim: <paramref name="update"/> is the conditional UPDATE of the <paramref name="candidate"/> row that decides
    /// it on every engine (the row count says who won). Where the engine skips locked rows, the row is first locked
    /// with <c>FOR UPDATE SKIP LOCKED</c> in the same short transaction, so an instance never waits on a row another
    /// instance's claim holds: it gets 0 at once and moves on to its next candidate.
    /// </summary>
    public static async Task<int> ClaimAsync<T>(
        this IApplicationDbContext db, IQueryable<T> candidate, Func<IQueryable<T>, Task<int>> update, CancellationToken cancellationToken)
    {
        if (!db.SkipsLockedRows)
        {
            return await update(candidate);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var free = await candidate.Select(_ => 1).ForUpdateSkipLocked().FirstOrDefaultAsync(cancellationToken) == 1;
        var claimed = free ? await update(candidate) : 0;
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
