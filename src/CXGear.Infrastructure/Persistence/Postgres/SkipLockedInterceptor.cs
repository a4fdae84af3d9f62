using System.Data.Common;
using CXGear.Application.Common.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CXGear.Infrastructure.Persistence.Postgres;

/// <summary>
/// Ends a query tagged by <see cref="RowLocks.ForUpdateSkipLocked{T}"/> with PostgreSQL's locking clause, which may
/// follow <c>LIMIT</c>. EF writes a tag as the statement's first comment line, so only tagged queries change.
/// </summary>
internal sealed class SkipLockedInterceptor : DbCommandInterceptor
{
    private const string Marker = "-- " + RowLocks.SkipLockedTag;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    private static void Apply(DbCommand command)
    {
        if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal))
        {
            command.CommandText += "\nFOR UPDATE SKIP LOCKED";
        }
    }
}
