using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Application.DataTables.Common;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Common;

/// <summary>
/// Creates a queued job of a published spinner, for run now, the public trigger, schedules and parents, inside the
/// caller's unit of work (a command's, or the runtime's own): the job is inserted on the current published version
/// and saved first, which counts its Jobs/month unit and one Records/month unit per record (either full: 403
/// PLAN_LIMIT before any record is written, and the unit rolls back), then each row's payload snapshot is inserted as
/// a pending record. The table's rows are read in keyset batches of
/// <see cref="BatchSize"/> by sequence and written through the bulk writer (not the change tracker), so memory
/// stays one batch and the write lock is held as briefly as ingest holds it.
/// </summary>
public sealed class JobCreation(
    IApplicationDbContext db, IBulkJobRecordWriter records, ICurrentPrincipal principal, IAuditLog audit, WebhookOutbox webhooks, TimeProvider clock)
{
    public const int BatchSize = 1_000;

    /// <param name="inline">Rows sent with a trigger (already checked to be an array of 1–500); null runs the table.</param>
    public async Task<JobQueuedDto> QueueAsync(Guid spinnerId, JobOrigin origin, JsonElement? inline, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Read in the unit of work's transaction, so the count metered is the count snapshotted (rows are 1..RowCount).
        var current = await db.Spinners.Live().AsNoTracking().FirstOrDefaultAsync(s => s.Id == spinnerId, cancellationToken)
            ?? throw new CXGearException(ErrorCodes.NotFound, $"Spinner {spinnerId} was not found.");
        current.EnsureStartsOnItsOwn();
        if (!current.IsPublished)
        {
            throw new CXGearException(ErrorCodes.SpinnerNotPublished, $"Spinner {spinnerId} has no published version: publish it before running it.");
        }

        var table = await db.DataTables.AsNoTracking().FirstAsync(t => t.Id == current.DataTableId, cancellationToken);
        string[]? inlineRows = null;
        if (inline is { } records)
        {
            if (!table.HasColumns)
            {
                throw new CXGearException(ErrorCodes.Conflict, "The spinner's table has no columns yet: import a CSV first.");
            }

            inlineRows = RecordBatch.Encode(RecordsJson.From(records), table.Columns);
        }

        var count = inlineRows?.Length ?? checked((int)table.RowCount);

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

        audit.Record(AuditEventTypes.JobQueued, new { jobId = job.Id, spinnerId = current.Id, origin = JobDto.Name(origin), records = count }, current.OrganizationId);
        return new JobQueuedDto(true, job.Id, "queued");
    }

    /// <summary>
    /// A queued job over the given payloads as they are (JSON objects already snapshotted elsewhere): the runtime's
    /// supporting-spinner jobs, one per parent record. Same rules as <see cref="QueueAsync"/>: published only, both
    /// meters counted in the caller's unit of work.
    /// </summary>
    public async Task<JobQueuedDto> QueuePayloadsAsync(Guid spinnerId, JobOrigin origin, IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.Spinners.Live().AsNoTracking().FirstOrDefaultAsync(s => s.Id == spinnerId, cancellationToken)
            ?? throw new CXGearException(ErrorCodes.NotFound, $"Spinner {spinnerId} was not found.");
        if (!current.IsPublished)
        {
            throw new CXGearException(ErrorCodes.SpinnerNotPublished, $"Spinner {spinnerId} has no published version: publish it before running it.");
        }

        var job = Job.Queue(
            current.OrganizationId, current.ProjectId, current.Id, current.CurrentVersion, origin, payloads.Count, principal.UserId, now);
        db.Jobs.Add(job);
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await records.WriteAsync(job.Id, payloads.Select((payload, i) => new PendingRecord(Ids.New(now), i + 1L, payload)).ToList(), cancellationToken);
        return new JobQueuedDto(true, job.Id, "queued");
    }

    /// <summary>
    /// What the runtime does when it cannot queue a job it was due to start (a schedule's firing, a parent's record):
    /// a failed job that says why (the error code and message, with the meter's numbers), and an audit event, saved at
    /// once inside the caller's unit of work, so the refusal is never silent. Nothing is counted on any meter.
    /// </summary>
    public async Task RecordRefusalAsync(Guid spinnerId, JobOrigin origin, CXGearException refusal, CancellationToken cancellationToken)
    {
        var spinner = await db.Spinners.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == spinnerId, cancellationToken);
        if (spinner is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var job = Job.Refused(spinner.OrganizationId, spinner.ProjectId, spinner.Id, spinner.CurrentVersion, origin, $"{refusal.Code}: {refusal.Message}", now);
        db.Jobs.Add(job);
        audit.Record(
            AuditEventTypes.JobRefused,
            new { jobId = job.Id, spinnerId = spinner.Id, origin = origin.ToString().ToLowerInvariant(), errorCode = refusal.Code, refusal.Extensions },
            spinner.OrganizationId);

        // Nobody called for this job, so nobody heard the refusal: the events are how an integrator learns of it.
        var dto = JobDto.From(job, spinner.Name);
        await webhooks.AddAsync(spinner.OrganizationId, WebhookEventTypes.JobFailed, dto, cancellationToken);
        if (refusal.Code == ErrorCodes.PlanLimit)
        {
            await webhooks.AddAsync(spinner.OrganizationId, WebhookEventTypes.PlanLimitReached, PlanLimitReachedData.From(refusal, dto), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Task SaveBatchAsync(Job job, IEnumerable<(long Sequence, string Row)> rows, PayloadSnapshot snapshot, DateTime now, CancellationToken cancellationToken) =>
        records.WriteAsync(job.Id, rows.Select(r => new PendingRecord(Ids.New(now), r.Sequence, snapshot.FromRow(r.Row))).ToList(), cancellationToken);
}
