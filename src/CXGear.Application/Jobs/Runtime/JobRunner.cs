using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Schedules;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// One runtime instance. <see cref="RunOnceAsync"/> fires the schedules that are due, then claims and runs queued
/// jobs (and jobs whose lease expired) until none is left; the hosted service loops over it. Several instances may
/// share one database: a job is taken with a conditional UPDATE that only one of them can win, every record's
/// outcome is written in a transaction that first checks the job is still this instance's, and a record already
/// finished is never run again, so a job reclaimed after a crash resumes where it stopped.
/// </summary>
public sealed partial class JobRunner(
    IServiceScopeFactory scopes, SpinnerEngine engine, TimeProvider clock, IOptions<RuntimeOptions> options, ILogger<JobRunner> logger)
{
    private const int ScheduleBatch = 50;

    /// <summary>What this instance writes in <see cref="Job.ClaimedBy"/>.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds));

    /// <summary>One iteration; returns how many jobs this instance ran to an end.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await FireSchedulesAsync(cancellationToken);
        var ran = 0;
        while (await ClaimAsync(cancellationToken) is { } jobId)
        {
            await RunJobAsync(jobId, cancellationToken);
            ran++;
        }

        return ran;
    }

    /// <summary>Takes the oldest claimable job, or returns null when none is left.</summary>
    private async Task<Guid?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidates = await db.Jobs.IgnoreQueryFilters().AsNoTracking()
                .Where(j => j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseUntil < now))
                .OrderBy(j => j.CreatedAt)
                .Select(j => j.Id)
                .Take(10)
                .ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var id in candidates)
            {
                if (await TryClaimAsync(db, id, cancellationToken))
                {
                    return id;
                }
            }
        }
    }

    /// <summary>
    /// Takes one job if it is claimable (queued, or running with an expired lease): the condition is repeated in the
    /// UPDATE itself, so of several instances racing for the job exactly one sees its row change.
    /// </summary>
    public async Task<bool> TryClaimAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await TryClaimAsync(scope.ServiceProvider.GetRequiredService<IApplicationDbContext>(), jobId, cancellationToken);
    }

    private async Task<bool> TryClaimAsync(IApplicationDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        var instance = InstanceId;
        var claimed = await db.Jobs.IgnoreQueryFilters()
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseUntil < now)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.ClaimedBy, instance)
                    .SetProperty(j => j.LeaseUntil, until)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now),
                cancellationToken);
        if (claimed == 1)
        {
            JobClaimed(logger, jobId, instance);
        }

        return claimed == 1;
    }

    private async Task RunJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var job = await db.Jobs.IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Id == jobId)
            .Select(j => new { j.SpinnerId, j.SpinnerVersion, j.OrganizationId })
            .SingleAsync(cancellationToken);
        var json = await db.SpinnerVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.SpinnerId == job.SpinnerId && v.Version == job.SpinnerVersion)
            .Select(v => v.Definition)
            .FirstOrDefaultAsync(cancellationToken);
        var definition = json is null ? null : SpinnerDefinition.Parse(json).Definition;
        if (definition is null)
        {
            JobCannotRun(logger, jobId, job.SpinnerVersion);
            await AbortAsync(db, jobId, cancellationToken);
            return;
        }

        var children = await db.Spinners.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ParentSpinnerId == job.SpinnerId && s.CurrentVersion > 0 && s.StartWhen != null)
            .Select(s => new Child(s.Id, s.StartWhen!.Field, s.StartWhen.EqualsText))
            .ToListAsync(cancellationToken);

        var batchSize = Math.Max(1, options.Value.RecordBatchSize);
        long last = 0;
        while (true)
        {
            var from = last;
            var records = await db.JobRecords.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.JobId == jobId && r.Sequence > from && r.Status == JobRecordStatus.Pending)
                .OrderBy(r => r.Sequence)
                .Take(batchSize)
                .Select(r => new { r.Id, r.Sequence, r.Payload })
                .ToListAsync(cancellationToken);
            if (records.Count == 0)
            {
                break;
            }

            foreach (var record in records)
            {
                var state = await db.Jobs.IgnoreQueryFilters().AsNoTracking()
                    .Where(j => j.Id == jobId)
                    .Select(j => new { j.ClaimedBy, j.CancelRequested })
                    .SingleAsync(cancellationToken);
                if (state.ClaimedBy != InstanceId)
                {
                    LeaseLost(logger, jobId, InstanceId);
                    return;
                }

                if (state.CancelRequested)
                {
                    await FinishAsync(db, jobId, cancellationToken);
                    return;
                }

                var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(record.Payload) ?? [];
                var result = await engine.RunAsync(definition, payload, new RunContext(jobId, record.Id, job.SpinnerId), cancellationToken);
                var saved = await SaveRecordAsync(db, jobId, record.Id, result, cancellationToken);
                if (saved is null)
                {
                    LeaseLost(logger, jobId, InstanceId);
                    return;
                }

                if (saved == true && children.Count > 0)
                {
                    await QueueChildrenAsync(children, job.OrganizationId, new RecordState(payload, new RunContext(jobId, record.Id, job.SpinnerId)), result, record.Payload, cancellationToken);
                }

                last = record.Sequence;
            }
        }

        await FinishAsync(db, jobId, cancellationToken);
    }

    /// <summary>
    /// Writes one record's outcome and journey and counts it on the job, renewing the lease, in one transaction that
    /// first checks this instance still holds the job: true when written, false when the record had already ended
    /// (nothing to do), null when this instance no longer holds the job (nothing is written).
    /// </summary>
    private async Task<bool?> SaveRecordAsync(IApplicationDbContext db, Guid jobId, Guid recordId, RecordRunResult result, CancellationToken cancellationToken)
    {
        var instance = InstanceId;
        var succeeded = result.Status == RecordStatus.Completed;
        var ok = succeeded ? 1 : 0;
        var failed = 1 - ok;
        try
        {
            return await db.InTransactionAsync<bool?>(
                async () =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var entity = await db.JobRecords.IgnoreQueryFilters().SingleAsync(r => r.Id == recordId, cancellationToken);
                    if (entity.Status != JobRecordStatus.Pending)
                    {
                        return false;
                    }

                    var until = now + Lease;
                    var owned = await db.Jobs.IgnoreQueryFilters()
                        .Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.ClaimedBy == instance)
                        .ExecuteUpdateAsync(
                            s => s.SetProperty(j => j.SucceededRecords, j => j.SucceededRecords + ok)
                                .SetProperty(j => j.FailedRecords, j => j.FailedRecords + failed)
                                .SetProperty(j => j.LeaseUntil, until),
                            cancellationToken);
                    if (owned == 0)
                    {
                        return null;
                    }

                    entity.Start(result.StartedAt.UtcDateTime);
                    if (succeeded)
                    {
                        entity.Complete(result.Disposition, result.EndedAt.UtcDateTime);
                    }
                    else
                    {
                        entity.Fail(result.Error ?? "The record failed.", result.Disposition, result.EndedAt.UtcDateTime);
                    }

                    for (var i = 0; i < result.Journey.Count; i++)
                    {
                        var step = result.Journey[i];
                        db.RecordEvents.Add(RecordEvent.Create(
                            recordId, i + 1, step.StepId, step.Type, step.Outcome, step.Message, step.StartedAt.UtcDateTime, step.EndedAt.UtcDateTime));
                    }

                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                },
                cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Queues a job of origin parent, over this record's payload, for each supporting spinner whose <c>startWhen</c>
    /// the ended record meets (the field read as decisions read it: an output of that name first, else the payload).
    /// Meters count as for any job; a full one skips that child (logged). Not atomic with the record's own write: a
    /// crash between the two loses that child job (the record is not run again).
    /// </summary>
    private async Task QueueChildrenAsync(
        IReadOnlyList<Child> children, Guid organizationId, RecordState state, RecordRunResult result, string payload, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in result.Outputs)
        {
            state.Outputs[key] = value?.DeepClone();
        }

        foreach (var child in children)
        {
            if (!string.Equals(TemplateValues.Resolve(child.Field, state), child.EqualsText, StringComparison.Ordinal))
            {
                continue;
            }

            await using var work = scopes.CreateAsyncScope();
            work.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = organizationId;
            try
            {
                var queued = await work.ServiceProvider.GetRequiredService<JobCreation>().QueuePayloadsAsync(child.Id, JobOrigin.Parent, [payload], cancellationToken);
                ChildQueued(logger, child.Id, state.Context.RecordId, queued.JobId);
            }
            catch (CXGearException exception) when (exception.Code is ErrorCodes.PlanLimit or ErrorCodes.NotFound or ErrorCodes.SpinnerNotPublished)
            {
                ChildSkipped(logger, child.Id, state.Context.RecordId, exception.Code, exception.Message);
            }
        }
    }

    /// <summary>Ends the job from its counts (completed, partial, failed, or cancelled when asked), if still ours.</summary>
    private async Task FinishAsync(IApplicationDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var entity = await db.Jobs.IgnoreQueryFilters().SingleAsync(j => j.Id == jobId, cancellationToken);
        if (entity.ClaimedBy != InstanceId || entity.IsFinished)
        {
            db.ChangeTracker.Clear();
            return;
        }

        entity.Finish(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        JobFinished(logger, jobId, entity.Status, entity.SucceededRecords, entity.FailedRecords);
    }

    /// <summary>A job whose pinned version cannot be read ends failed, its records left pending.</summary>
    private async Task AbortAsync(IApplicationDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var instance = InstanceId;
        await db.Jobs.IgnoreQueryFilters()
            .Where(j => j.Id == jobId && j.ClaimedBy == instance)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, JobStatus.Failed)
                    .SetProperty(j => j.EndedAt, now)
                    .SetProperty(j => j.ClaimedBy, (string?)null)
                    .SetProperty(j => j.LeaseUntil, (DateTime?)null),
                cancellationToken);
    }

    /// <summary>
    /// Fires each enabled schedule whose due time has passed: the due time is claimed by moving it to the next
    /// occurrence with a conditional UPDATE (only one instance sees its row change), then a job of origin schedule
    /// is queued as run now would, meters included. A full meter skips that firing; the next one is still set.
    /// </summary>
    private async Task FireSchedulesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Spinners.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ScheduleEnabled && s.ScheduleNextDueAt != null && s.ScheduleNextDueAt <= now)
            .OrderBy(s => s.ScheduleNextDueAt)
            .Take(ScheduleBatch)
            .Select(s => new { s.Id, s.OrganizationId, s.ScheduleCron, s.ScheduleTimeZone, s.ScheduleNextDueAt })
            .ToListAsync(cancellationToken);
        foreach (var spinner in due)
        {
            DateTime? next = SpinnerSchedule.TryCreate(spinner.ScheduleCron, spinner.ScheduleTimeZone, true, out var schedule, out _)
                ? schedule!.NextOccurrence(new DateTimeOffset(now, TimeSpan.Zero))?.UtcDateTime
                : null;
            var dueAt = spinner.ScheduleNextDueAt;
            var claimed = await db.Spinners.IgnoreQueryFilters()
                .Where(s => s.Id == spinner.Id && s.ScheduleEnabled && s.ScheduleNextDueAt == dueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ScheduleNextDueAt, next), cancellationToken);
            if (claimed != 1)
            {
                continue;
            }

            await using var work = scopes.CreateAsyncScope();
            work.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = spinner.OrganizationId;
            try
            {
                var queued = await work.ServiceProvider.GetRequiredService<JobCreation>().QueueAsync(spinner.Id, JobOrigin.Schedule, null, cancellationToken);
                ScheduleFired(logger, spinner.Id, dueAt!.Value, queued.JobId);
            }
            catch (CXGearException exception) when (exception.Code is ErrorCodes.PlanLimit or ErrorCodes.NotFound or ErrorCodes.SpinnerNotPublished)
            {
                ScheduleSkipped(logger, spinner.Id, dueAt!.Value, exception.Code, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Supporting spinner {SpinnerId} queued job {JobId} for parent record {RecordId}")]
    private static partial void ChildQueued(ILogger logger, Guid spinnerId, Guid recordId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supporting spinner {SpinnerId} skipped parent record {RecordId}: {ErrorCode} {Reason}")]
    private static partial void ChildSkipped(ILogger logger, Guid spinnerId, Guid recordId, string errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} claimed by {Instance}")]
    private static partial void JobClaimed(ILogger logger, Guid jobId, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ended {Status}: {Succeeded} succeeded, {Failed} failed")]
    private static partial void JobFinished(ILogger logger, Guid jobId, JobStatus status, int succeeded, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} cannot run: version {Version} is missing or invalid")]
    private static partial void JobCannotRun(ILogger logger, Guid jobId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Instance} no longer holds the lease; it stops")]
    private static partial void LeaseLost(ILogger logger, Guid jobId, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of spinner {SpinnerId} due {DueAt:o} queued job {JobId}")]
    private static partial void ScheduleFired(ILogger logger, Guid spinnerId, DateTime dueAt, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule of spinner {SpinnerId} due {DueAt:o} skipped: {ErrorCode} {Reason}")]
    private static partial void ScheduleSkipped(ILogger logger, Guid spinnerId, DateTime dueAt, string errorCode, string reason);

    private sealed record Child(Guid Id, string Field, string EqualsText);
}
