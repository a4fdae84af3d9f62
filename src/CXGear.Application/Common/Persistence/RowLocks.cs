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
    /// A claim of the rows <paramref name="ids"/> (one or several): <paramref name="update"/> is the conditional UPDATE
    /// of the ids it is given that decides on every engine (the row count says how many were won). Where the engine skips
    /// locked rows, the ones <paramref name="stillClaimable"/> returns are first locked with <c>FOR UPDATE SKIP LOCKED</c>
    /// in the same short transaction and only those are passed on, so an instance never waits on a row another
    /// instance's claim holds: it wins fewer, or none, at once and moves on.
    /// </summary>
    public static async Task<int> ClaimAsync(
        this IApplicationDbContext db,
        IReadOnlyList<Guid> ids,
        Func<IReadOnlyList<Guid>, IQueryable<Guid>> stillClaimable,
        Func<IReadOnlyList<Guid>, Task<int>> update,
        CancellationToken cancellationToken)
    {
        if (!db.SkipsLockedRows)
        {
            return await update(ids);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var free = await stillClaimable(ids).ForUpdateSkipLocked().ToListAsync(cancellationToken);
        var claimed = free.Count == 0 ? 0 : await update(free);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }
}
