using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Schedules;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// One runtime instance. <see cref="RunOnceAsync"/> fires the schedules that are due, then claims and runs queued
/// jobs (and jobs whose lease expired) until none is left; the hosted service loops over it. Several instances may
/// share one database: a job is taken with a conditional UPDATE that only one of them can win, records' outcomes
/// are written (by <see cref="JobExecution"/>) in transactions that first check the job is still this instance's,
/// and a record already finished is never run again, so a job reclaimed after a crash resumes where it stopped.
/// </summary>
public sealed partial class JobRunner(
    IServiceScopeFactory scopes, SpinnerEngine engine, JobSignal signal, TimeProvider clock, IOptions<RuntimeOptions> options, ILogger<JobRunner> logger,
    RuntimeHeartbeat heartbeat)
{
    private const int ScheduleBatch = 50;

    /// <summary>Organizations with waiting jobs considered per claim; more than an instance's job slots by far.</summary>
    private const int OrganizationScan = 200;

    /// <summary>When each organization last got a job on this instance (a turn number), for round-robin claims.</summary>
    private readonly Dictionary<Guid, long> _served = [];
    private long _turn;

    /// <summary>What this instance writes in <see cref="Job.ClaimedBy"/>.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds));

    /// <summary>
    /// One iteration: fires due schedules, then claims and runs jobs, up to <see cref="RuntimeOptions.MaxConcurrentJobs"/>
    /// at once and <see cref="RuntimeOptions.MaxConcurrentJobsPerOrganization"/> of one organization, taking the next
    /// from the organization served longest ago, so a short job of one tenant never waits behind another tenant's long
    /// one. While jobs run it claims more as slots free, when a job is queued here (<see cref="JobSignal"/>) and every
    /// poll interval. Returns, with how many jobs it ran to an end, once none is running and none is left to claim.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await FireSchedulesAsync(cancellationToken);
        await SweepExpiredKeysAsync(cancellationToken);
        var settings = options.Value;
        var running = new Dictionary<Task, Guid>();
        var ran = 0;
        Exception? failure = null;
        var poll = TimeSpan.FromMilliseconds(Math.Max(1, settings.PollIntervalMilliseconds));
        var lastSchedules = clock.GetTimestamp();
        while (true)
        {
            while (failure is null && running.Count < Math.Max(1, settings.MaxConcurrentJobs)
                && await ClaimAsync(running.Values, cancellationToken) is { } claimed)
            {
                running.Add(RunJobAsync(claimed.JobId, cancellationToken), claimed.OrganizationId);
            }

            if (running.Count == 0)
            {
                return failure is null ? ran : throw new InvalidOperationException("A job run failed; it is reclaimed when its lease ends.", failure);
            }

            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var woken = signal.WaitAsync(poll, wait.Token);
                await Task.WhenAny(running.Keys.Append(woken));
                await wait.CancelAsync();
            }

            foreach (var done in running.Keys.Where(t => t.IsCompleted).ToList())
            {
                running.Remove(done);
                try
                {
                    await done;
                    ran++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    JobRunFailed(logger, exception);
                    failure ??= exception;
                }
            }

            // Every wake (a poll, a job ended, a run-now) shows the loop alive, even while jobs keep it from returning.
            await heartbeat.BeatAsync(InstanceId, running.Count, cancellationToken);

            if (clock.GetElapsedTime(lastSchedules) >= poll)
            {
                lastSchedules = clock.GetTimestamp();
                await FireSchedulesAsync(cancellationToken);
                await SweepExpiredKeysAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Picks the next job fairly and claims it: among organizations with claimable jobs and below their share on this
    /// instance, the one with the fewest running here, then the one served longest ago, then its oldest job. Null
    /// when nothing is claimable.
    /// </summary>
    private async Task<Claimed?> ClaimAsync(IEnumerable<Guid> runningOrganizations, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var perOrganization = Math.Max(1, options.Value.MaxConcurrentJobsPerOrganization);
        var busy = runningOrganizations.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await Claimable(db, now)
            .AsNoTracking()
            .Select(j => j.OrganizationId)
            .Distinct()
            .OrderBy(o => o)
            .Take(OrganizationScan)
            .ToListAsync(cancellationToken);
        var order = waiting
            .Where(o => busy.GetValueOrDefault(o) < perOrganization)
            .OrderBy(o => busy.GetValueOrDefault(o))
            .ThenBy(o => _served.GetValueOrDefault(o));
        foreach (var organizationId in order)
        {
            var candidates = await Claimable(db, now).AsNoTracking()
                .Where(j => j.OrganizationId == organizationId)
                .OrderBy(j => j.CreatedAt)
                .Select(j => j.Id)
                .Take(5)
                .ToListAsync(cancellationToken);
            foreach (var id in candidates)
            {
                if (await TryClaimAsync(db, id, cancellationToken))
                {
                    _served[organizationId] = Interlocked.Increment(ref _turn);
                    return new Claimed(id, organizationId);
                }
            }
        }

        return null;
    }

    /// <summary>Claims one job by id (tests drive single claims through it).</summary>
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
        var claimed = await db.ClaimAsync(
            [jobId],
            ids => Claimable(db, now).Where(j => ids.Contains(j.Id)).Select(j => j.Id),
            ids => Claimable(db, now).Where(j => ids.Contains(j.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, JobStatus.Running)
                    .SetProperty(j => j.ClaimedBy, instance)
                    .SetProperty(j => j.LeaseUntil, until)
                    .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now),
                cancellationToken),
            cancellationToken);
        if (claimed == 1)
        {
            JobClaimed(logger, jobId, instance);
        }

        return claimed == 1;
    }

    /// <summary>
    /// Jobs this runtime may claim: <see cref="Job.Claimable"/>, of an organization that is not suspended. A suspended
    /// organization's queued jobs stay queued, untouched, until it is reactivated (the condition is part of the claim's
    /// conditional UPDATE too, so a suspension committed before the claim always wins).
    /// </summary>
    private static IQueryable<Job> Claimable(IApplicationDbContext db, DateTime now) =>
        db.Jobs.IgnoreQueryFilters()
            .Where(Job.Claimable.At(now))
            .Where(j => !db.Organizations.IgnoreQueryFilters().Any(o => o.Id == j.OrganizationId && o.SuspendedAt != null));

    private async Task RunJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await new JobExecution(jobId, scope, engine, clock, options.Value, InstanceId, logger).RunAsync(cancellationToken);
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
            .Select(s => new
            {
                s.Id,
                s.OrganizationId,
                s.ScheduleCron,
                s.ScheduleTimeZone,
                s.ScheduleNextDueAt,
                Suspended = db.Organizations.IgnoreQueryFilters().Any(o => o.Id == s.OrganizationId && o.SuspendedAt != null),
            })
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

            if (spinner.Suspended)
            {
                // A suspended organization's firings are skipped, not saved up: reactivating it does not start a burst.
                ScheduleSkipped(logger, spinner.Id, dueAt!.Value, ErrorCodes.OrganizationSuspended, "The organization is suspended.");
                continue;
            }

            await using var work = scopes.CreateAsyncScope();
            work.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = spinner.OrganizationId;
            try
            {
                var creation = work.ServiceProvider.GetRequiredService<JobCreation>();
                var queued = await work.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                    () => creation.QueueAsync(spinner.Id, JobOrigin.Schedule, null, cancellationToken), cancellationToken);
                ScheduleFired(logger, spinner.Id, dueAt!.Value, queued.JobId);
            }
            catch (CXGearException exception) when (exception.Code is ErrorCodes.PlanLimit or ErrorCodes.NotFound or ErrorCodes.SpinnerNotPublished or ErrorCodes.Conflict)
            {
                ScheduleSkipped(logger, spinner.Id, dueAt!.Value, exception.Code, exception.Message);
                if (exception.Code == ErrorCodes.PlanLimit)
                {
                    await using var refusal = scopes.CreateAsyncScope();
                    refusal.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = spinner.OrganizationId;
                    var jobs = refusal.ServiceProvider.GetRequiredService<JobCreation>();
                    await refusal.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                        () => jobs.RecordRefusalAsync(spinner.Id, JobOrigin.Schedule, exception, cancellationToken), cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Gives back the API keys meter places of keys that have expired, in every organization, so the meter shows what is
    /// usable within a poll of each expiry (docs/decisions/0033-organization-suspension.md). A sweep that lost a race
    /// with another instance's (a concurrency conflict) is simply skipped: that instance gave the places back.
    /// </summary>
    private async Task SweepExpiredKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var swept = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                () => ApiKeys.Common.ExpiredKeys.SweepAllAsync(db, now, cancellationToken), cancellationToken);
            if (swept > 0)
            {
                ExpiredKeysSwept(logger, swept);
            }
        }
        catch (CXGearException exception) when (exception.Code == ErrorCodes.Conflict)
        {
            ExpiredKeysSweepConflict(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} expired API key(s) gave back their meter places")]
    private static partial void ExpiredKeysSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another instance swept the same expired API keys first")]
    private static partial void ExpiredKeysSweepConflict(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A job run failed; the job is reclaimed when its lease ends")]
    private static partial void JobRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} claimed by {Instance}")]
    private static partial void JobClaimed(ILogger logger, Guid jobId, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of spinner {SpinnerId} due {DueAt:o} queued job {JobId}")]
    private static partial void ScheduleFired(ILogger logger, Guid spinnerId, DateTime dueAt, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule of spinner {SpinnerId} due {DueAt:o} skipped: {ErrorCode} {Reason}")]
    private static partial void ScheduleSkipped(ILogger logger, Guid spinnerId, DateTime dueAt, string errorCode, string reason);

    private sealed record Claimed(Guid JobId, Guid OrganizationId);
}
