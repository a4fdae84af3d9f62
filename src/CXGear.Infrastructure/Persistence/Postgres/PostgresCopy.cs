using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CXGear.Infrastructure.Persistence.Postgres;

/// <summary>
/// PostgreSQL's bulk-load path: binary <c>COPY … FROM STDIN</c> (<see cref="NpgsqlBinaryImporter"/>), one stream per
/// call, no per-row statement. COPY runs on the connection, so it is inside whatever transaction the connection has
/// open and commits or rolls back with it; the methods take the connection, not a context, so a writer that commits
/// several batches in one transaction can call them too. Foreign keys and unique keys are checked as for an INSERT.
/// </summary>
internal static class PostgresCopy
{
    private static readonly UtcDateTimeConverter ToUtc = new();

    /// <summary>Data-table rows numbered <paramref name="firstSequence"/>, +1, +2…</summary>
    public static async Task WriteRowsAsync(
        NpgsqlConnection connection, Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"""COPY "{DataRowConfiguration.Table}" ("DataTableId", "Sequence", "Values") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        for (var i = 0; i < values.Count; i++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(dataTableId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(firstSequence + i, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(values[i], NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>A job's records, all Pending.</summary>
    public static async Task WriteJobRecordsAsync(
        NpgsqlConnection connection, Guid jobId, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken)
    {
        var pending = nameof(JobRecordStatus.Pending);
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY "JobRecords" ("Id", "JobId", "Sequence", "Payload", "Status") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var record in records)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(record.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(jobId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(record.Sequence, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(record.Payload, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(pending, NpgsqlDbType.Varchar, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>Journey events of finished records.</summary>
    public static async Task WriteRecordEventsAsync(NpgsqlConnection connection, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY "RecordEvents" ("RecordId", "Index", "StepId", "Type", "Outcome", "Message", "StartedAt", "EndedAt")
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        foreach (var e in events)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(e.RecordId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(e.Index, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(e.StepId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(e.Outcome, NpgsqlDbType.Varchar, cancellationToken);
            if (e.Message is { } message)
            {
                await copy.WriteAsync(message, NpgsqlDbType.Varchar, cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(Utc(e.StartedAt), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(Utc(e.EndedAt), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>EF's connection, checked to be inside the unit of work's transaction (COPY would otherwise commit alone).</summary>
    public static NpgsqlConnection InTransaction(AppDbContext db, string what) =>
        db.Database.CurrentTransaction?.GetDbTransaction() is NpgsqlTransaction { Connection: { } connection }
            ? connection
            : throw new InvalidOperationException($"{what} are written inside the transaction of the change (no transaction is open).");

    /// <summary>
    /// timestamptz takes UTC only (Npgsql refuses other kinds); converted as the model's <see cref="UtcDateTimeConverter"/>
    /// converts what EF writes, since these writers bypass it.
    /// </summary>
    public static DateTime Utc(DateTime value) => (DateTime)ToUtc.ConvertToProvider(value)!;
}
