using System.Data;
using System.Text;
using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// SQL Server: the whole group's rows in ONE <c>SqlBulkCopy</c> (one bulk-load round trip however many requests and
/// tables the group holds), on EF's connection and inside its transaction, so they commit with the tables' counts.
/// Compiled and shaped like <see cref="SqlServerBulkRowWriter"/>, not executed here (no SQL Server in this environment).
/// </summary>
internal sealed class SqlServerIngestGroupWriter(AppDbContext db) : IIngestGroupWriter
{
    public async Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqlTransaction
            ?? throw new InvalidOperationException("Rows are written inside the transaction of the change (no transaction is open).");
        var connection = (SqlConnection)db.Database.GetDbConnection();

        using var rows = new System.Data.DataTable();
        rows.Columns.Add("DataTableId", typeof(Guid));
        rows.Columns.Add("Sequence", typeof(long));
        rows.Columns.Add("Values", typeof(string));
        var count = 0;
        foreach (var run in runs)
        {
            for (var i = 0; i < run.Rows.Length; i++)
            {
                rows.Rows.Add(run.DataTableId, run.FirstSequence + i, Encoding.UTF8.GetString(run.Rows[i]));
            }

            count += run.Rows.Length;
        }

        if (count == 0)
        {
            return;
        }

        // CheckConstraints keeps the foreign key to DataTables enforced; the group already holds each table's lock.
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = $"[{DataRowConfiguration.Table}]",
            BatchSize = count,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await bulk.WriteToServerAsync(rows, cancellationToken);
    }
}
