using System.Text;
using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// A group's rows through one INSERT prepared on the connection's own SQLite handle and bound by position. The
/// ingest load test's CPU samples put Microsoft.Data.Sqlite's per-execution binding (a parameter looked up by name
/// and its name converted to UTF-8 on every row) at ~45 % of the writer's time and the insert itself at ~13 %; the
/// writer is the one serial part of ingest, so its cost per row is the API's ceiling. Rows arrive as UTF-8 and are
/// bound as they are (SQLite copies them). Same connection, same IMMEDIATE transaction as the rest of the group.
/// </summary>
internal sealed class SqliteIngestGroupWriter(AppDbContext db) : IIngestGroupWriter
{
    private static readonly string Sql =
        $"""INSERT INTO "{DataRowConfiguration.Table}" ("DataTableId", "Sequence", "Values") VALUES (?1, ?2, ?3)""";

    public Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not SqliteTransaction)
        {
            throw new InvalidOperationException("Rows are written inside the transaction of the change (no transaction is open).");
        }

        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(handle, Sql, out var statement), handle);
        try
        {
            foreach (var run in runs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Check(raw.sqlite3_bind_text(statement, 1, Encoding.UTF8.GetBytes(SqlitePreparedCommand.Text(run.DataTableId))), handle);
                for (var i = 0; i < run.Rows.Length; i++)
                {
                    Check(raw.sqlite3_bind_int64(statement, 2, run.FirstSequence + i), handle);
                    Check(raw.sqlite3_bind_text(statement, 3, run.Rows[i]), handle);
                    var step = raw.sqlite3_step(statement);
                    if (step != raw.SQLITE_DONE)
                    {
                        Check(step, handle);
                    }

                    raw.sqlite3_reset(statement);
                }
            }
        }
        finally
        {
            statement.Dispose();
        }

        return Task.CompletedTask;
    }

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK && result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
    }
}
