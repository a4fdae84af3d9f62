using System.Data;
using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// SQL Server: <c>SqlBulkCopy</c> (the TDS bulk-load path, minimal per-row overhead) on EF's connection and inside
/// its transaction, so the rows commit with the table's count. Not exercised by the tests (no SQL Server here);
/// its SQLite twin is, behind the same interface.
/// </summary>
internal sealed class SqlServerBulkRowWriter(AppDbContext db) : IBulkRowWriter
{
    public async Task WriteAsync(Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqlTransaction
            ?? throw new InvalidOperationException("Rows are written inside the transaction of the change (no transaction is open).");
        var connection = (SqlConnection)db.Database.GetDbConnection();

        using var rows = new System.Data.DataTable();
        rows.Columns.Add("DataTableId", typeof(Guid));
        rows.Columns.Add("Sequence", typeof(long));
        rows.Columns.Add("Values", typeof(string));
        for (var i = 0; i < values.Count; i++)
        {
            rows.Rows.Add(dataTableId, firstSequence + i, values[i]);
        }

        // CheckConstraints keeps the foreign key to DataTables enforced; the caller already holds the table's lock.
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = $"[{DataRowConfiguration.Table}]",
            BatchSize = values.Count,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await bulk.WriteToServerAsync(rows, cancellationToken);
    }
}
