using System.Data;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// SQL Server's one way of writing data-table rows: <c>SqlBulkCopy</c> (the TDS bulk-load path, minimal per-row
/// overhead) of a <see cref="System.Data.DataTable"/> shaped like the rows table, on EF's connection and inside its
/// open transaction, so the rows commit with the tables' counts. The CSV writer and ingest's group writer only fill
/// the rows. Not exercised by the tests (no SQL Server here); it compiles and its shape matches the SQLite and
/// PostgreSQL writers behind the same interfaces.
/// </summary>
internal static class SqlServerRowCopy
{
    public static async Task WriteAsync(AppDbContext db, Action<DataRowCollection> fill, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqlTransaction
            ?? throw new InvalidOperationException("Rows are written inside the transaction of the change (no transaction is open).");
        var connection = (SqlConnection)db.Database.GetDbConnection();

        using var rows = new System.Data.DataTable();
        rows.Columns.Add("DataTableId", typeof(Guid));
        rows.Columns.Add("Sequence", typeof(long));
        rows.Columns.Add("Values", typeof(string));
        fill(rows.Rows);
        if (rows.Rows.Count == 0)
        {
            return;
        }

        // CheckConstraints keeps the foreign key to DataTables enforced; the callers already hold each table's lock.
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = $"[{DataRowConfiguration.Table}]",
            BatchSize = rows.Rows.Count,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await bulk.WriteToServerAsync(rows, cancellationToken);
    }
}
