using System.Collections.Concurrent;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// The dispatcher loop's pulse. Every wake of the loop (each poll, each job that ends, each run-now) calls
/// <see cref="BeatAsync"/>: in memory, it marks the loop alive for the readiness check; at most once per
/// <see cref="WriteInterval"/> and instance it also upserts the instance's <see cref="RuntimeInstance"/> row (one
/// UPDATE; an INSERT the first time), counts the queued jobs for <see cref="RuntimeMetrics"/>' gauges, and now and
/// then deletes rows of instances gone for <see cref="RuntimeOptions.InstanceRetentionHours"/>. A failed write is
/// logged and tried again at the next beat: it never stops the loop. Dated by the application's clock, like the work.
/// </summary>
public sealed partial class RuntimeHeartbeat(
    IServiceScopeFactory scopes, RuntimeMetrics metrics, TimeProvider clock, IOptions<RuntimeOptions> options, ILogger<RuntimeHeartbeat> logger)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DateTime> _written = new(StringComparer.Ordinal);
    private long _aliveTicks = -1;
    private long _prunedTicks = -1;

    /// <summary>When the loop last woke (null: it never has in this process).</summary>
    public DateTimeOffset? LastAliveAt => Interlocked.Read(ref _aliveTicks) is var ticks and >= 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The readiness limit: the loop must have woken within three poll intervals.</summary>
    public static TimeSpan LoopDeadline(RuntimeOptions settings) => 3 * TimeSpan.FromMilliseconds(Math.Max(10, settings.PollIntervalMilliseconds));

    /// <summary>How often an instance's row is written at most: its poll interval, but not more than once a second.</summary>
    public static TimeSpan WriteInterval(RuntimeOptions settings) => TimeSpan.FromMilliseconds(Math.Max(1_000, settings.PollIntervalMilliseconds));

    /// <summary>An instance whose row was renewed within three write intervals is alive.</summary>
    public static TimeSpan AliveWindow(RuntimeOptions settings) => 3 * WriteInterval(settings);

    /// <summary>The loop woke; no database work.</summary>
    public void MarkAlive() => Interlocked.Exchange(ref _aliveTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>Marks the loop alive and, when its row is due, writes it (see the type's summary).</summary>
    public async Task BeatAsync(string instanceId, int jobsRunning, CancellationToken cancellationToken)
    {
        MarkAlive();
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        if (_written.TryGetValue(instanceId, out var last) && now - last < WriteInterval(settings))
        {
            return;
        }

        _written[instanceId] = now;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var renewed = await db.RuntimeInstances
                .Where(i => i.Id == instanceId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastSeenAt, now).SetProperty(i => i.JobsRunning, jobsRunning), cancellationToken);
            if (renewed == 0)
            {
                db.RuntimeInstances.Add(RuntimeInstance.Start(instanceId, now, jobsRunning));
                await db.SaveChangesAsync(cancellationToken);
            }

            // Both on the (Status, CreatedAt) index the claims use.
            var queued = db.Jobs.IgnoreQueryFilters().AsNoTracking().Where(j => j.Status == JobStatus.Queued);
            var count = await queued.LongCountAsync(cancellationToken);
            DateTime? oldest = count == 0 ? null : await queued.OrderBy(j => j.CreatedAt).Select(j => j.CreatedAt).FirstAsync(cancellationToken);
            metrics.QueueObserved(count, oldest);

            if (now.Ticks - Interlocked.Read(ref _prunedTicks) >= PruneEvery.Ticks)
            {
                Interlocked.Exchange(ref _prunedTicks, now.Ticks);
                var cutoff = now - TimeSpan.FromHours(Math.Max(1, settings.InstanceRetentionHours));
                var pruned = await db.RuntimeInstances.Where(i => i.LastSeenAt < cutoff).ExecuteDeleteAsync(cancellationToken);
                if (pruned > 0)
                {
                    InstancesPruned(logger, pruned, cutoff);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Written again at the next beat; the loop itself goes on.
            _written.TryRemove(instanceId, out _);
            BeatFailed(logger, exception, instanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runtime instance {Instance}: the heartbeat could not be written; retrying at the next beat")]
    private static partial void BeatFailed(ILogger logger, Exception exception, string instance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} runtime instance(s) not seen since {Cutoff:o}")]
    private static partial void InstancesPruned(ILogger logger, int count, DateTime cutoff);
}
