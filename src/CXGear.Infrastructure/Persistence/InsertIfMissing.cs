using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Persistence;

/// <summary>
/// Runs an <c>INSERT … SELECT … WHERE NOT EXISTS (…)</c> that creates a counter's row when it is missing, in the
/// caller's transaction, where a concurrent first insert of the same key may win. On SQLite and SQL Server the loser's
/// statement fails alone on the key and is ignored. PostgreSQL aborts the whole transaction at any failed statement,
/// so there the statement says <c>ON CONFLICT DO NOTHING</c> instead: it waits for the winner and inserts nothing.
/// </summary>
internal static class InsertIfMissing
{
    public static async Task ExecuteAsync(AppDbContext db, FormattableString insert, CancellationToken cancellationToken)
    {
        if (db is PostgresAppDbContext)
        {
            await db.Database.ExecuteSqlAsync(
                FormattableStringFactory.Create(insert.Format + " ON CONFLICT DO NOTHING", insert.GetArguments()), cancellationToken);
            return;
        }

        try
        {
            await db.Database.ExecuteSqlAsync(insert, cancellationToken);
        }
        catch (DbException)
        {
            // Another transaction inserted the row a moment earlier; the caller's update then runs on the winner's row.
        }
    }
}
