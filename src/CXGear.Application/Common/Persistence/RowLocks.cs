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

    /// <summary>
    /// <see cref="ClaimAsync{T}"/> for several rows at once: <paramref name="update"/> gets the ids it may claim and
    /// makes the conditional UPDATE that decides on every engine. Where the engine skips locked rows, the candidates are
    /// locked first and only the ones no other transaction held are passed on, so the UPDATE never waits on a row
    /// another instance's claim holds.
    /// </summary>
    public static async Task<int> ClaimManyAsync(
        this IApplicationDbContext db, IQueryable<Guid> candidateIds, Func<IReadOnlyList<Guid>, Task<int>> update, CancellationToken cancellationToken)
    {
        if (!db.SkipsLockedRows)
        {
            return await update(await candidateIds.ToListAsync(cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var free = await candidateIds.ForUpdateSkipLocked().ToListAsync(cancellationToken);
        var claimed = free.Count == 0 ? 0 : await update(free);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
