using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using CXGear.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CXGear.Infrastructure.Jobs;

/// <summary>
/// SQL Server: <c>SqlBulkCopy</c> on EF's connection, inside its transaction, so the records commit with the job.
/// Compiled here but not exercised by the tests (no SQL Server); its SQLite twin is, behind the same interface.
/// </summary>
internal sealed class SqlServerBulkJobRecordWriter(AppDbContext db) : IBulkJobRecordWriter
{
    public async Task WriteAsync(Guid jobId, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqlTransaction
            ?? throw new InvalidOperationException("Records are written inside the transaction of the job (no transaction is open).");

        using var rows = new System.Data.DataTable();
        rows.Columns.Add("Id", typeof(Guid));
        rows.Columns.Add("JobId", typeof(Guid));
        rows.Columns.Add("Sequence", typeof(long));
        rows.Columns.Add("Payload", typeof(string));
        rows.Columns.Add("Status", typeof(string));
        foreach (var record in records)
        {
            rows.Rows.Add(record.Id, jobId, record.Sequence, record.Payload, nameof(JobRecordStatus.Pending));
        }

        // CheckConstraints keeps the foreign key to Jobs enforced.
        using var bulk = new SqlBulkCopy((SqlConnection)db.Database.GetDbConnection(), SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = "[JobRecords]",
            BatchSize = records.Count,
            BulkCopyTimeout = 0,
        };
        foreach (System.Data.DataColumn column in rows.Columns)
        {
            bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await bulk.WriteToServerAsync(rows, cancellationToken);
    }
}
