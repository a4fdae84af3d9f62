using System.Globalization;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using CXGear.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace CXGear.Infrastructure.Jobs;

/// <summary>Outcomes and journeys through two prepared, reused statements on the context's transaction.</summary>
internal sealed class SqliteJobOutcomeWriter(AppDbContext db) : IJobOutcomeWriter, IDisposable
{
    private readonly SqlitePreparedCommand _update = new(
        db,
        """
        UPDATE "JobRecords" SET "Status" = $status, "Disposition" = $disposition, "Error" = $error, "Outputs" = $outputs,
            "StartedAt" = $started, "EndedAt" = $ended
        WHERE "Id" = $id
        """,
        ("$status", SqliteType.Text),
        ("$disposition", SqliteType.Text),
        ("$error", SqliteType.Text),
        ("$outputs", SqliteType.Text),
        ("$started", SqliteType.Text),
        ("$ended", SqliteType.Text),
        ("$id", SqliteType.Text));

    private readonly SqlitePreparedCommand _insert = new(
        db,
        """
        INSERT INTO "RecordEvents" ("RecordId", "Index", "StepId", "Type", "Outcome", "Message", "StartedAt", "EndedAt")
        VALUES ($record, $index, $step, $type, $outcome, $message, $started, $ended)
        """,
        ("$record", SqliteType.Text),
        ("$index", SqliteType.Integer),
        ("$step", SqliteType.Text),
        ("$type", SqliteType.Text),
        ("$outcome", SqliteType.Text),
        ("$message", SqliteType.Text),
        ("$started", SqliteType.Text),
        ("$ended", SqliteType.Text));

    public async Task WriteAsync(IReadOnlyList<JobRecord> records, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        var update = _update.ForCurrentTransaction();
        foreach (var record in records)
        {
            update.Parameters[0].Value = record.Status.ToString();
            update.Parameters[1].Value = (object?)record.Disposition ?? DBNull.Value;
            update.Parameters[2].Value = (object?)record.Error ?? DBNull.Value;
            update.Parameters[3].Value = (object?)record.Outputs ?? DBNull.Value;
            update.Parameters[4].Value = record.StartedAt is { } started ? Time(started) : DBNull.Value;
            update.Parameters[5].Value = record.EndedAt is { } ended ? Time(ended) : DBNull.Value;
            update.Parameters[6].Value = SqlitePreparedCommand.Text(record.Id);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException($"Job record {record.Id} does not exist.");
            }
        }

        var insert = _insert.ForCurrentTransaction();
        foreach (var e in events)
        {
            insert.Parameters[0].Value = SqlitePreparedCommand.Text(e.RecordId);
            insert.Parameters[1].Value = e.Index;
            insert.Parameters[2].Value = e.StepId;
            insert.Parameters[3].Value = e.Type;
            insert.Parameters[4].Value = e.Outcome;
            insert.Parameters[5].Value = (object?)e.Message ?? DBNull.Value;
            insert.Parameters[6].Value = Time(e.StartedAt);
            insert.Parameters[7].Value = Time(e.EndedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _update.Dispose();
        _insert.Dispose();
    }

    /// <summary>EF Core's SQLite text form for a DateTime (UTC in this model), so EF reads, compares and sorts these as its own.</summary>
    private static string Time(DateTime value) =>
        (value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
