using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace CXGear.Infrastructure.Jobs;

/// <summary>
/// PostgreSQL: a page of outcomes in two round trips whatever its size: one <c>UPDATE … FROM unnest(arrays)</c> for
/// the records (each column sent as one array parameter) and one binary COPY for the events, on EF's connection
/// inside the runtime's transaction.
/// </summary>
internal sealed class PostgresJobOutcomeWriter(AppDbContext db) : IJobOutcomeWriter
{
    private const string Update =
        """
        UPDATE "JobRecords" AS r
        SET "Status" = v.status, "Disposition" = v.disposition, "Error" = v.error, "Outputs" = v.outputs,
            "StartedAt" = v.started, "EndedAt" = v.ended
        FROM unnest(@ids, @statuses, @dispositions, @errors, @outputs, @started, @ended)
            AS v(id, status, disposition, error, outputs, started, ended)
        WHERE r."Id" = v.id
        """;

    public async Task WriteAsync(IReadOnlyList<JobRecord> records, IReadOnlyList<RecordEvent> events, CancellationToken cancellationToken)
    {
        var connection = PostgresCopy.InTransaction(db, "Outcomes");
        if (records.Count > 0)
        {
            await using var command = new NpgsqlCommand(Update, connection);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = records.Select(r => r.Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.Status.ToString()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("dispositions", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.Disposition).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.Error).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("outputs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = records.Select(r => r.Outputs).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = records.Select(r => Utc(r.StartedAt)).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("ended", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = records.Select(r => Utc(r.EndedAt)).ToArray() });
            var updated = await command.ExecuteNonQueryAsync(cancellationToken);
            if (updated != records.Count)
            {
                throw new InvalidOperationException($"{records.Count - updated} of {records.Count} job records do not exist.");
            }
        }

        if (events.Count > 0)
        {
            await PostgresCopy.WriteRecordEventsAsync(connection, events, cancellationToken);
        }
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? PostgresCopy.Utc(v) : null;
}
