using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using CXGear.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace CXGear.Infrastructure.Jobs;

/// <summary>Pending job records through one prepared, reused INSERT on the context's transaction.</summary>
internal sealed class SqliteBulkJobRecordWriter(AppDbContext db) : IBulkJobRecordWriter, IDisposable
{
    private readonly SqlitePreparedCommand _insert = new(
        db,
        """INSERT INTO "JobRecords" ("Id", "JobId", "Sequence", "Payload", "Status") VALUES ($id, $job, $sequence, $payload, $status)""",
        ("$id", SqliteType.Text),
        ("$job", SqliteType.Text),
        ("$sequence", SqliteType.Integer),
        ("$payload", SqliteType.Text),
        ("$status", SqliteType.Text));

    public async Task WriteAsync(Guid jobId, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken)
    {
        var command = _insert.ForCurrentTransaction();
        command.Parameters[1].Value = SqlitePreparedCommand.Text(jobId);
        command.Parameters[4].Value = nameof(JobRecordStatus.Pending);
        foreach (var record in records)
        {
            command.Parameters[0].Value = SqlitePreparedCommand.Text(record.Id);
            command.Parameters[2].Value = record.Sequence;
            command.Parameters[3].Value = record.Payload;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public void Dispose() => _insert.Dispose();
}
