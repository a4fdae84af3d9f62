using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Billing;
using CXGear.Application.Common.Persistence;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Common;

/// <summary>
/// Creates a queued job of a published spinner, for run now and the public trigger (and later schedules and
/// parents). In one transaction: a Jobs/month unit and one Records/month unit per record are reserved (either full:
/// 403 PLAN_LIMIT and nothing is written), the job is inserted on the current published version, and each row's
/// payload snapshot is inserted as a pending record. The table's rows are read in keyset batches of
/// <see cref="BatchSize"/> by sequence and written through the bulk writer (not the change tracker), so memory
/// stays one batch and the write lock is held as briefly as ingest holds it.
/// </summary>
public sealed class JobCreation(IApplicationDbContext db, IBulkJobRecordWriter records, IUsageMeters meters, ICurrentPrincipal principal, TimeProvider clock)
{
    public const int BatchSize = 1_000;

    /// <param name="inline">Rows sent with a trigger (already checked to be an array of 1–500); null runs the table.</param>
    public async Task<JobQueuedDto> QueueAsync(Guid spinnerId, JobOrigin origin, JsonElement? inline, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spinnerId, cancellationToken)
            ?? throw new CXGearException(ErrorCodes.NotFound, $"Spinner {spinnerId} was not found.");
        if (!spinner.IsPublished)
        {
            throw new CXGearException(ErrorCodes.SpinnerNotPublished, $"Spinner {spinnerId} has no published version: publish it before running it.");
        }

        // Inline rows are checked and encoded (CPU work) before the transaction, as ingest does.
        string[]? inlineRows = null;
        List<JsonElement>? batch = null;
        IReadOnlyList<string>? encodedFor = null;
        if (inline is { } records)
        {
            var table = await db.DataTables.AsNoTracking().FirstAsync(t => t.Id == spinner.DataTableId, cancellationToken);
            if (!table.HasColumns)
            {
                throw new CXGearException(ErrorCodes.Conflict, "The spinner's table has no columns yet: import a CSV first.");
            }

            batch = records.EnumerateArray().ToList();
            encodedFor = table.Columns;
            inlineRows = RecordBatch.Encode(batch, encodedFor);
        }

        return await db.InTransactionAsync(
            async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;

                // Read inside the transaction, so the count reserved is the count snapshotted (rows are 1..RowCount).
                var current = await db.Spinners.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spinnerId, cancellationToken)
                    ?? throw new CXGearException(ErrorCodes.NotFound, $"Spinner {spinnerId} was not found.");
                var table = await db.DataTables.AsNoTracking().FirstAsync(t => t.Id == current.DataTableId, cancellationToken);
                if (batch is not null && !table.Columns.SequenceEqual(encodedFor!, StringComparer.Ordinal))
                {
                    // The table's structure was replaced since the check: check the rows again against the new columns.
                    inlineRows = RecordBatch.Encode(batch, table.Columns);
                }

                var count = inlineRows?.Length ?? checked((int)table.RowCount);

                await meters.ReserveAsync(current.OrganizationId, Meter.JobsPerMonth, 1, cancellationToken);
                if (count > 0)
                {
                    await meters.ReserveAsync(current.OrganizationId, Meter.RecordsPerMonth, count, cancellationToken);
                }

                var job = Job.Queue(
                    current.OrganizationId, current.ProjectId, current.Id, current.CurrentVersion, origin, count, principal.UserId, now);
                db.Jobs.Add(job);
                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync(cancellationToken);

                var snapshot = new PayloadSnapshot(table.Columns, table.MetadataFields);
                if (inlineRows is not null)
                {
                    await SaveBatchAsync(job, inlineRows.Select((row, i) => (Sequence: i + 1L, Row: row)), snapshot, now, cancellationToken);
                }
                else
                {
                    long last = 0;
                    while (last < count)
                    {
                        var from = last;
                        var rows = await db.DataRows.AsNoTracking()
                            .Where(r => r.DataTableId == table.Id && r.Sequence > from && r.Sequence <= count)
                            .OrderBy(r => r.Sequence)
                            .Take(BatchSize)
                            .Select(r => new { r.Sequence, r.Values })
                            .ToListAsync(cancellationToken);
                        if (rows.Count == 0)
                        {
                            break;
                        }

                        await SaveBatchAsync(job, rows.Select(r => (r.Sequence, Row: r.Values)), snapshot, now, cancellationToken);
                        last = rows[^1].Sequence;
                    }
                }

                return new JobQueuedDto(true, job.Id, "queued");
            },
            cancellationToken);
    }

    /// <summary>
    /// A queued job over the given payloads as they are (JSON objects already snapshotted elsewhere): the runtime's
    /// supporting-spinner jobs, one per parent record. Same rules as <see cref="QueueAsync"/>: published only, both
    /// meters reserved in the job's transaction.
    /// </summary>
    public async Task<JobQueuedDto> QueuePayloadsAsync(Guid spinnerId, JobOrigin origin, IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return await db.InTransactionAsync(
            async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var current = await db.Spinners.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spinnerId, cancellationToken)
                    ?? throw new CXGearException(ErrorCodes.NotFound, $"Spinner {spinnerId} was not found.");
                if (!current.IsPublished)
                {
                    throw new CXGearException(ErrorCodes.SpinnerNotPublished, $"Spinner {spinnerId} has no published version: publish it before running it.");
                }

                await meters.ReserveAsync(current.OrganizationId, Meter.JobsPerMonth, 1, cancellationToken);
                if (payloads.Count > 0)
                {
                    await meters.ReserveAsync(current.OrganizationId, Meter.RecordsPerMonth, payloads.Count, cancellationToken);
                }

                var job = Job.Queue(
                    current.OrganizationId, current.ProjectId, current.Id, current.CurrentVersion, origin, payloads.Count, principal.UserId, now);
                db.Jobs.Add(job);
                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await records.WriteAsync(job.Id, payloads.Select((payload, i) => new PendingRecord(Ids.New(now), i + 1L, payload)).ToList(), cancellationToken);
                return new JobQueuedDto(true, job.Id, "queued");
            },
            cancellationToken);
    }

    private Task SaveBatchAsync(Job job, IEnumerable<(long Sequence, string Row)> rows, PayloadSnapshot snapshot, DateTime now, CancellationToken cancellationToken) =>
        records.WriteAsync(job.Id, rows.Select(r => new PendingRecord(Ids.New(now), r.Sequence, snapshot.FromRow(r.Row))).ToList(), cancellationToken);
}
