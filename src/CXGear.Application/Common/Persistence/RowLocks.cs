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
}
