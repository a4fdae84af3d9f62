using System.Diagnostics;
using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Billing;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Domain.Vault;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// Runs one job this instance has claimed, in one DI scope whose tenant is the job's organization. Pending records
/// are read in keyset pages and run up to <see cref="RuntimeOptions.MaxConcurrentRecordsPerJob"/> at once (their
/// steps wait on the network, not the CPU); only this coordinator touches the DbContext. Outcomes are written together, one transaction per
/// page (or sooner, once <see cref="RuntimeOptions.FlushIntervalMilliseconds"/> has passed since the oldest unsaved
/// outcome), because on SQLite each commit is an fsync and committing per record capped the runtime at ~200
/// records/s. A crash loses at most the unsaved outcomes, and those records are run again by whoever reclaims the
/// job: outcomes are at-least-once, which is why a flush bounds the window in time as well as in records.
/// </summary>
internal sealed partial class JobExecution(
    Guid jobId, AsyncServiceScope scope, SpinnerEngine engine, TimeProvider clock, RuntimeOptions options, string instance, ILogger logger)
{
    private readonly IApplicationDbContext _db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
    private readonly UnitOfWork _unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
    private readonly IJobOutcomeWriter _outcomes = scope.ServiceProvider.GetRequiredService<IJobOutcomeWriter>();
    private readonly RuntimeMetrics _metrics = scope.ServiceProvider.GetRequiredService<RuntimeMetrics>();
    private readonly WebhookOutbox _webhooks = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
    private readonly List<Finished> _unsaved = [];
    private bool _lost;
    private bool _suspended;
    private Guid _organizationId;
    private Guid _projectId;
    private TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.LeaseSeconds));

    private enum Next
    {
        Go,
        Cancel,
        LeaseLost,

        /// <summary>The organization was suspended: stop taking records and hand the job back to the queue.</summary>
        Suspend,
    }

    /// <summary>Runs the job to its end (or until it is cancelled or lost), with the lease renewed in the background.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var counted = _metrics.JobStarted();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = new LeaseHeartbeat(scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>(), clock, jobId, instance, Lease, logger)
            .RunAsync(stop.Token);
        try
        {
            await RunRecordsAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
        }
    }

    private async Task RunRecordsAsync(CancellationToken cancellationToken)
    {
        var job = await _db.Jobs.IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Id == jobId)
            .Select(j => new { j.SpinnerId, j.SpinnerVersion, j.OrganizationId, j.ProjectId, j.ClaimedBy, j.CancelRequested })
            .SingleAsync(cancellationToken);
        if (job.ClaimedBy != instance)
        {
            LeaseLost(logger, jobId, instance);
            return;
        }

        // Child jobs are created through JobCreation in this scope, so they join this scope's transactions; the
        // tenant makes its filtered queries see this job's organization only.
        scope.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = job.OrganizationId;
        _organizationId = job.OrganizationId;
        _projectId = job.ProjectId;

        var json = await _db.SpinnerVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.SpinnerId == job.SpinnerId && v.Version == job.SpinnerVersion)
            .Select(v => v.Definition)
            .FirstOrDefaultAsync(cancellationToken);
        var definition = json is null ? null : SpinnerDefinition.Parse(json).Definition;
        if (definition is null)
        {
            JobCannotRun(logger, jobId, job.SpinnerVersion);
            await EndAsync(JobStatus.Failed, cancellationToken);
            return;
        }

        if (job.CancelRequested)
        {
            await FinishAsync(cancellationToken);
            return;
        }

        var children = await _db.Spinners.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ParentSpinnerId == job.SpinnerId && s.CurrentVersion > 0 && s.StartWhen != null && s.ArchivedAt == null)
            .Select(s => new Child(s.Id, s.StartWhen!.Field, s.StartWhen.EqualsText))
            .ToListAsync(cancellationToken);

        var pageSize = Math.Max(1, options.RecordBatchSize);
        var inFlightLimit = Math.Max(1, options.MaxConcurrentRecordsPerJob);
        var interval = TimeSpan.FromMilliseconds(Math.Max(0, options.FlushIntervalMilliseconds));
        var cancelCheck = TimeSpan.FromMilliseconds(Math.Max(1, options.CancelCheckMilliseconds));
        var inFlight = new List<Task<Finished>>(inFlightLimit);
        var oldest = 0L;
        var lastCancelCheck = clock.GetTimestamp();
        long last = 0;

        // Takes the records that have ended, commits when a page's worth is waiting or the oldest has waited the flush
        // interval, and looks for a cancel at least every CancelCheckMilliseconds even while every record in flight is
        // still running (a slow api_call). False: stop taking records (cancelled or lost); in-flight ones still end.
        async Task<bool> CollectAsync(bool waitForOne)
        {
            if (waitForOne && inFlight.Count > 0)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var due = cancelCheck - clock.GetElapsedTime(lastCancelCheck);
                var wake = Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, clock, tick.Token);
                await Task.WhenAny(inFlight.Append(wake));
                await tick.CancelAsync();
            }

            foreach (var done in inFlight.Where(t => t.IsCompleted).ToList())
            {
                inFlight.Remove(done);
                if (_unsaved.Count == 0)
                {
                    oldest = clock.GetTimestamp();
                }

                _unsaved.Add(await done);
            }

            if (_unsaved.Count >= pageSize || (_unsaved.Count > 0 && clock.GetElapsedTime(oldest) >= interval))
            {
                lastCancelCheck = clock.GetTimestamp();
                return await FlushOrStopAsync(children, cancellationToken);
            }

            if (clock.GetElapsedTime(lastCancelCheck) >= cancelCheck)
            {
                lastCancelCheck = clock.GetTimestamp();
                var stop = await StopRequestedAsync(cancellationToken);
                if (stop != Next.Go)
                {
                    _suspended |= stop == Next.Suspend;
                    return await FlushOrStopAsync(children, cancellationToken, cancelled: true);
                }
            }

            return true;
        }

        var taking = true;
        while (taking)
        {
            var from = last;
            var page = await _db.JobRecords.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.JobId == jobId && r.Sequence > from && r.Status == JobRecordStatus.Pending)
                .OrderBy(r => r.Sequence)
                .Take(pageSize)
                .Select(r => new Pending(r.Id, r.Sequence, r.Payload))
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var record in page)
            {
                while (taking && inFlight.Count >= inFlightLimit)
                {
                    taking = await CollectAsync(waitForOne: true);
                }

                if (!taking)
                {
                    break;
                }

                inFlight.Add(RunRecordAsync(definition, job.SpinnerId, record, cancellationToken));
                last = record.Sequence;
            }

            // The next page starts after the last record dispatched: those in flight are still pending in the database
            // but behind the keyset, so no record is taken twice.
        }

        while (taking && inFlight.Count > 0)
        {
            taking = await CollectAsync(waitForOne: true);
        }

        if (!taking)
        {
            // Stopped (cancelled or lost): the records still running end, and their outcomes are kept if the job is ours.
            foreach (var running in inFlight)
            {
                _unsaved.Add(await running);
            }

            inFlight.Clear();
            await FlushAfterStopAsync(children, cancellationToken);
            return;
        }

        // A cancel seen by this last flush still ends the job (as cancelled); a lost lease leaves it to its new owner.
        if (!await FlushOrStopAsync(children, cancellationToken) && _lost)
        {
            return;
        }

        await FinishAsync(cancellationToken);
    }

    /// <summary>
    /// One record, under <see cref="RuntimeOptions.RecordTimeoutSeconds"/> on the application's clock: a record that
    /// outlasts it is stopped and fails with <c>RECORD_TIMEOUT</c> (the journey so far is kept), and the job goes on.
    /// </summary>
    private async Task<Finished> RunRecordAsync(SpinnerDefinition definition, Guid spinnerId, Pending record, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(record.Payload) ?? [];
        var context = new RunContext(jobId, record.Id, spinnerId, _organizationId) { ProjectId = _projectId };
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.RecordTimeoutSeconds));
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = clock.GetUtcNow();
        var timer = Stopwatch.GetTimestamp();
        RecordRunResult result;
        try
        {
            result = await engine.RunAsync(definition, payload, context, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            result = new RecordRunResult(RecordStatus.Failed, null, [], [], started, clock.GetUtcNow());
        }

        if (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            RecordTimedOut(logger, jobId, record.Sequence, timeout.TotalSeconds);
            result = result with { Status = RecordStatus.Failed, Error = RecordErrors.Timeout(timeout) };
        }

        _metrics.RecordEnded(result.Status, Stopwatch.GetElapsedTime(timer));
        return new Finished(record.Id, record.Sequence, record.Payload, new RecordState(payload, context), result);
    }

    /// <summary>
    /// Whether the job must stop taking records: a cancel asked for (it wins), or its organization suspended. One read,
    /// made at every flush and every <see cref="RuntimeOptions.CancelCheckMilliseconds"/> while records are in flight.
    /// </summary>
    private async Task<Next> StopRequestedAsync(CancellationToken cancellationToken)
    {
        var stop = await _db.Jobs.IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.Id == jobId)
            .Select(j => new
            {
                j.CancelRequested,
                Suspended = _db.Organizations.IgnoreQueryFilters().Any(o => o.Id == j.OrganizationId && o.SuspendedAt != null),
            })
            .SingleAsync(cancellationToken);
        return stop.CancelRequested ? Next.Cancel : stop.Suspended ? Next.Suspend : Next.Go;
    }

    /// <summary>
    /// Writes the unsaved outcomes; false when the job must stop taking records (cancelled, or no longer ours). A
    /// cancel is only noted here: the job is finished by <see cref="FlushAfterStopAsync"/> once the records still in
    /// flight have ended.
    /// </summary>
    private async Task<bool> FlushOrStopAsync(IReadOnlyList<Child> children, CancellationToken cancellationToken, bool cancelled = false)
    {
        switch (await FlushAsync(children, cancellationToken))
        {
            case Next.LeaseLost:
                _lost = true;
                LeaseLost(logger, jobId, instance);
                return false;
            case Next.Cancel:
                return false;
            case Next.Suspend:
                _suspended = true;
                return false;
            default:
                return !cancelled;
        }
    }

    /// <summary>After a stop: the outcomes of the records that were in flight, then the job's end (if still ours).</summary>
    private async Task FlushAfterStopAsync(IReadOnlyList<Child> children, CancellationToken cancellationToken)
    {
        if (_lost)
        {
            _unsaved.Clear();
            return;
        }

        if (await FlushAsync(children, cancellationToken) == Next.LeaseLost)
        {
            LeaseLost(logger, jobId, instance);
            return;
        }

        if (_suspended && await RequeueAsync(cancellationToken))
        {
            return;
        }

        await FinishAsync(cancellationToken);
    }

    /// <summary>
    /// Its organization suspended, the job goes back to the queue as it stands: finished records keep their outcomes, the
    /// pending ones wait. The claim rule skips it while the organization stays suspended; once reactivated it is claimed
    /// again and resumes where it stopped. False when a cancel came first (the job then ends as cancelled) or the job is
    /// no longer this instance's.
    /// </summary>
    private async Task<bool> RequeueAsync(CancellationToken cancellationToken)
    {
        var requeued = await _unitOfWork.RunAsync(
            () => _db.Jobs.IgnoreQueryFilters()
                .Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.ClaimedBy == instance && !j.CancelRequested)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(j => j.Status, JobStatus.Queued)
                        .SetProperty(j => j.ClaimedBy, (string?)null)
                        .SetProperty(j => j.LeaseUntil, (DateTime?)null),
                    cancellationToken),
            cancellationToken);
        if (requeued == 1)
        {
            JobRequeued(logger, jobId);
        }

        return requeued == 1;
    }

    /// <summary>
    /// One transaction: checks this instance still holds the job while counting the outcomes on it and renewing the
    /// lease (nothing is written if it does not), writes each record's outcome, outputs and journey,
    /// and queues the supporting spinners' jobs those records call for, so a crash cannot keep a record's outcome
    /// and lose its child job. Reads whether a cancel was asked for.
    /// </summary>
    private async Task<Next> FlushAsync(IReadOnlyList<Child> children, CancellationToken cancellationToken)
    {
        if (_unsaved.Count == 0)
        {
            return Next.Go;
        }

        try
        {
            return await _unitOfWork.RunAsync(
                async () =>
                {
                    var ok = _unsaved.Count(f => f.Result.Status == RecordStatus.Completed);
                    var failed = _unsaved.Count - ok;
                    var until = clock.GetUtcNow().UtcDateTime + Lease;
                    var owned = await _db.Jobs.IgnoreQueryFilters()
                        .Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.ClaimedBy == instance)
                        .ExecuteUpdateAsync(
                            s => s.SetProperty(j => j.SucceededRecords, j => j.SucceededRecords + ok)
                                .SetProperty(j => j.FailedRecords, j => j.FailedRecords + failed)
                                .SetProperty(j => j.LeaseUntil, until),
                            cancellationToken);
                    if (owned == 0)
                    {
                        return Next.LeaseLost;
                    }

                    // Still holding the job (checked above, under the write lock) means nobody has claimed it since this
                    // instance did, so every record run here is still pending: it is not read again; the outcome is applied
                    // to the pending record it was read as, and only the columns an outcome sets are written.
                    var records = new List<JobRecord>(_unsaved.Count);
                    var events = new List<RecordEvent>(_unsaved.Count * 2);
                    foreach (var finished in _unsaved)
                    {
                        var record = JobRecord.Pending(finished.RecordId, jobId, finished.Sequence, finished.Payload);
                        Apply(record, finished.Result, events);
                        records.Add(record);
                    }

                    await _outcomes.WriteAsync(records, events, cancellationToken);
                    await AddRecordEventsAsync(records, cancellationToken);
                    await StampVaultUseAsync(cancellationToken);
                    await CountAiUsageAsync(cancellationToken);
                    await RecordChannelMessagesAsync(cancellationToken);

                    if (children.Count > 0)
                    {
                        foreach (var finished in _unsaved)
                        {
                            await QueueChildrenAsync(children, finished, cancellationToken);
                        }
                    }

                    return await StopRequestedAsync(cancellationToken);
                },
                cancellationToken);
        }
        finally
        {
            _unsaved.Clear();
            _db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// <c>record.completed</c> and <c>record.failed</c> (opt-in) for the endpoints that asked, in the outcomes'
    /// transaction: a flush that rolls back (a lost lease) sends nothing, and the records run again send theirs then.
    /// </summary>
    private async Task AddRecordEventsAsync(IReadOnlyList<JobRecord> records, CancellationToken cancellationToken)
    {
        var endpoints = await _webhooks.SubscribersAsync(_organizationId, [WebhookEventTypes.RecordCompleted, WebhookEventTypes.RecordFailed], cancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var (job, spinnerName) = await JobWithSpinnerNameAsync(cancellationToken);
        foreach (var record in records)
        {
            var type = record.Status == JobRecordStatus.Completed ? WebhookEventTypes.RecordCompleted : WebhookEventTypes.RecordFailed;
            _webhooks.Add(_organizationId, type, new RecordEventData(jobId, JobRecordDto.From(record, job, spinnerName)), endpoints);
        }
    }

    /// <summary>The job as it stands and its spinner's name, for events that carry the read routes' shapes.</summary>
    private async Task<(Job Job, string SpinnerName)> JobWithSpinnerNameAsync(CancellationToken cancellationToken)
    {
        var job = await _db.Jobs.IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
        return (job, await SpinnerNameAsync(job.SpinnerId, cancellationToken));
    }

    private Task<string> SpinnerNameAsync(Guid spinnerId, CancellationToken cancellationToken) =>
        _db.Spinners.IgnoreQueryFilters().Where(s => s.Id == spinnerId).Select(s => s.Name).SingleAsync(cancellationToken);

    /// <summary>"Last used" of the vault labels these records read, where the stamp is due (at most once a minute).</summary>
    private async Task StampVaultUseAsync(CancellationToken cancellationToken)
    {
        var labels = _unsaved.SelectMany(f => f.Result.VaultLabelsUsed).Distinct(StringComparer.Ordinal).ToList();
        if (labels.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await _db.VaultSecrets.IgnoreQueryFilters()
            .Where(s => s.OrganizationId == _organizationId && labels.Contains(s.Label))
            .Where(VaultSecret.UseStampDue.At(now))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.LastUsedAt, now), cancellationToken);
    }

    /// <summary>
    /// Adds these records' LLM calls and tokens to the organization's line for the month, in the flush's transaction,
    /// so a page's outcomes and its usage are kept or lost together. The row is created by the month's first flush.
    /// </summary>
    private async Task CountAiUsageAsync(CancellationToken cancellationToken)
    {
        var usage = _unsaved.Aggregate(AiUsage.None, (total, f) => total + f.Result.AiUsage);
        if (usage.Calls == 0)
        {
            return;
        }

        var period = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var updated = await _db.AiTokenUsages.IgnoreQueryFilters()
            .Where(u => u.OrganizationId == _organizationId && u.Period == period)
            .ExecuteUpdateAsync(
                s => s.SetProperty(u => u.Calls, u => u.Calls + usage.Calls)
                    .SetProperty(u => u.InputTokens, u => u.InputTokens + usage.InputTokens)
                    .SetProperty(u => u.OutputTokens, u => u.OutputTokens + usage.OutputTokens),
                cancellationToken);
        if (updated == 0)
        {
            _db.AiTokenUsages.Add(AiTokenUsage.Start(_organizationId, period, usage.Calls, usage.InputTokens, usage.OutputTokens));
        }
    }

    /// <summary>
    /// The messages these records sent, so webhook statuses find them (and their records). Saved with the outcomes; a
    /// channel deleted since the send takes its messages with it, so those are not written.
    /// </summary>
    private async Task RecordChannelMessagesAsync(CancellationToken cancellationToken)
    {
        var sent = _unsaved.SelectMany(f => f.Result.ChannelMessagesSent.Select(m => (f.RecordId, Message: m))).ToList();
        if (sent.Count == 0)
        {
            return;
        }

        var channelIds = sent.Select(s => s.Message.ChannelId).Distinct().ToList();
        var live = await _db.Channels.IgnoreQueryFilters()
            .Where(c => c.OrganizationId == _organizationId && channelIds.Contains(c.Id))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var (recordId, message) in sent.Where(s => live.Contains(s.Message.ChannelId)))
        {
            _db.ChannelMessages.Add(ChannelMessage.Outbound(
                _organizationId, message.ChannelId, message.MessageId, message.From, message.To, message.TemplateName, jobId, recordId, message.StepId, message.SentAt));
        }
    }

    /// <summary>The outcome through the record's own rules (cut texts, bounded outputs), and one journey event per step.</summary>
    private static void Apply(JobRecord record, RecordRunResult result, List<RecordEvent> events)
    {
        var outputs = result.Outputs.Count == 0 ? null : result.Outputs.ToJsonString();
        var ended = result.EndedAt.UtcDateTime;
        record.Start(result.StartedAt.UtcDateTime);
        if (result.Status == RecordStatus.Completed)
        {
            record.Complete(result.Disposition, ended, outputs);
        }
        else
        {
            record.Fail(result.Error ?? "The record failed.", result.Disposition, ended, outputs);
        }

        for (var i = 0; i < result.Journey.Count; i++)
        {
            var step = result.Journey[i];
            events.Add(RecordEvent.Create(
                record.Id, i + 1, step.StepId, step.Type, step.Outcome, step.Message, step.StartedAt.UtcDateTime, step.EndedAt.UtcDateTime));
        }
    }

    /// <summary>
    /// Queues a job of origin parent, over this record's payload, for each supporting spinner whose <c>startWhen</c>
    /// the ended record meets (the field read as decisions read it: an output of that name first, else the payload).
    /// Meters count as for any job; a full one skips that child (logged), rolled back to a savepoint so the units
    /// it took before failing are given back while the rest of the flush stands.
    /// </summary>
    private async Task QueueChildrenAsync(IReadOnlyList<Child> children, Finished finished, CancellationToken cancellationToken)
    {
        var state = finished.State;
        foreach (var (key, value) in finished.Result.Outputs)
        {
            state.Outputs[key] = value?.DeepClone();
        }

        var transaction = _db.Database.CurrentTransaction!;
        var creation = scope.ServiceProvider.GetRequiredService<JobCreation>();
        foreach (var child in children)
        {
            if (!string.Equals(TemplateValues.Resolve(child.Field, state), child.EqualsText, StringComparison.Ordinal))
            {
                continue;
            }

            await transaction.CreateSavepointAsync("child", cancellationToken);
            try
            {
                var queued = await creation.QueuePayloadsAsync(child.Id, JobOrigin.Parent, [finished.Payload], cancellationToken);
                await transaction.ReleaseSavepointAsync("child", cancellationToken);
                ChildQueued(logger, child.Id, finished.RecordId, queued.JobId);
            }
            catch (CXGearException exception) when (exception.Code is ErrorCodes.PlanLimit or ErrorCodes.NotFound or ErrorCodes.SpinnerNotPublished)
            {
                await transaction.RollbackToSavepointAsync("child", cancellationToken);
                _db.ChangeTracker.Clear();
                ChildSkipped(logger, child.Id, finished.RecordId, exception.Code, exception.Message);
                if (exception.Code == ErrorCodes.PlanLimit)
                {
                    await creation.RecordRefusalAsync(child.Id, JobOrigin.Parent, exception, cancellationToken);
                }
            }
        }
    }

    /// <summary>Ends the job from its counts (completed, partial, failed, or cancelled when asked), if still ours.</summary>
    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        await _unitOfWork.RunAsync(
            async () =>
            {
                var entity = await _db.Jobs.IgnoreQueryFilters().SingleAsync(j => j.Id == jobId, cancellationToken);
                if (entity.ClaimedBy != instance || entity.IsFinished)
                {
                    return;
                }

                var now = clock.GetUtcNow().UtcDateTime;
                entity.Finish(now);
                await _webhooks.AddAsync(entity.OrganizationId, WebhookEventTypes.ForJobStatus(JobDto.Name(entity.Status)), JobDto.From(entity, await SpinnerNameAsync(entity.SpinnerId, cancellationToken)), cancellationToken);
                await _db.SaveChangesAsync(cancellationToken);
                if (entity.Status == JobStatus.Cancelled)
                {
                    // Records that never ran were counted when the job was queued: they go back to Records/month.
                    entity.GiveBackUnrunRecords(await SkipPendingAsync(now, cancellationToken), now);
                }

                JobFinished(logger, jobId, entity.Status, entity.SucceededRecords, entity.FailedRecords);
            },
            cancellationToken);
        _db.ChangeTracker.Clear();
    }

    /// <summary>A job that cannot run at all (its pinned version is missing) ends with this status, its records skipped.</summary>
    private async Task EndAsync(JobStatus status, CancellationToken cancellationToken)
    {
        await _unitOfWork.RunAsync(
            async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var ended = await _db.Jobs.IgnoreQueryFilters()
                    .Where(j => j.Id == jobId && j.ClaimedBy == instance)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(j => j.Status, status)
                            .SetProperty(j => j.EndedAt, now)
                            .SetProperty(j => j.ClaimedBy, (string?)null)
                            .SetProperty(j => j.LeaseUntil, (DateTime?)null),
                        cancellationToken);
                if (ended == 1)
                {
                    await SkipPendingAsync(now, cancellationToken);
                    var job = await _db.Jobs.IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
                    await _webhooks.AddAsync(job.OrganizationId, WebhookEventTypes.ForJobStatus(JobDto.Name(job.Status)), JobDto.From(job, await SpinnerNameAsync(job.SpinnerId, cancellationToken)), cancellationToken);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// The records a stopped job never reached end <c>skipped</c>, in one statement rather than through
    /// <see cref="JobRecord.Skip"/> per entity: a cancelled job may have a million of them.
    /// </summary>
    private Task<int> SkipPendingAsync(DateTime now, CancellationToken cancellationToken) =>
        _db.JobRecords.IgnoreQueryFilters()
            .Where(r => r.JobId == jobId && r.Status == JobRecordStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, JobRecordStatus.Skipped).SetProperty(r => r.EndedAt, now), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supporting spinner {SpinnerId} queued job {JobId} for parent record {RecordId}")]
    private static partial void ChildQueued(ILogger logger, Guid spinnerId, Guid recordId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supporting spinner {SpinnerId} skipped parent record {RecordId}: {ErrorCode} {Reason}")]
    private static partial void ChildSkipped(ILogger logger, Guid spinnerId, Guid recordId, string errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} went back to the queue: its organization is suspended")]
    private static partial void JobRequeued(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ended {Status}: {Succeeded} succeeded, {Failed} failed")]
    private static partial void JobFinished(ILogger logger, Guid jobId, JobStatus status, int succeeded, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} cannot run: version {Version} is missing or invalid")]
    private static partial void JobCannotRun(ILogger logger, Guid jobId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: record {Sequence} ran past its {Seconds} s deadline and was stopped")]
    private static partial void RecordTimedOut(ILogger logger, Guid jobId, long sequence, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Instance} no longer holds the lease; it stops")]
    private static partial void LeaseLost(ILogger logger, Guid jobId, string instance);

    private sealed record Child(Guid Id, string Field, string EqualsText);

    private sealed record Pending(Guid Id, long Sequence, string Payload);

    private sealed record Finished(Guid RecordId, long Sequence, string Payload, RecordState State, RecordRunResult Result);
}
