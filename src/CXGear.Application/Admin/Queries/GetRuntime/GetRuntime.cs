using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Runtime;
using CXGear.Domain.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Admin.Queries.GetRuntime;

/// <summary>The job runtime across instances: who is alive, what runs where, and each organization's queue.</summary>
public sealed record GetRuntimeQuery : IQuery<RuntimeOverviewDto>, IRequireOperator;

/// <summary>The job runtime as the database shows it now.</summary>
/// <param name="CheckedAt">The instant the figures are for (ages are measured to it).</param>
/// <param name="JobsQueued">Jobs waiting to be claimed, across organizations.</param>
/// <param name="JobsRunning">Jobs claimed and not ended, across instances (a job held by an instance that died stays here until another reclaims it).</param>
/// <param name="OldestQueuedAgeSeconds">Age of the oldest queued job; null when none is queued.</param>
/// <param name="Instances">Runtime instances that beat within the retention (alive first), and any instance still holding running jobs.</param>
/// <param name="Organizations">Organizations with queued or running jobs, the longest-waiting queue first.</param>
public sealed record RuntimeOverviewDto(
    DateTime CheckedAt,
    int JobsQueued,
    int JobsRunning,
    double? OldestQueuedAgeSeconds,
    IReadOnlyList<RuntimeInstanceDto> Instances,
    IReadOnlyList<RuntimeOrganizationDto> Organizations);

/// <summary>One runtime instance.</summary>
/// <param name="Id">What the instance writes in a job's claim: machine/process/random.</param>
/// <param name="StartedAt">Its first heartbeat; null for an instance that holds jobs but has no heartbeat row (never beat, or pruned).</param>
/// <param name="LastSeenAt">Its latest heartbeat; null as for <c>startedAt</c>.</param>
/// <param name="Alive">It beat within three heartbeat intervals (the poll interval, at least a second).</param>
/// <param name="JobsRunning">Jobs it holds now, from the jobs themselves.</param>
public sealed record RuntimeInstanceDto(string Id, DateTime? StartedAt, DateTime? LastSeenAt, bool Alive, int JobsRunning);

/// <summary>One organization's part of the runtime.</summary>
/// <param name="Id">The organization.</param>
/// <param name="Name">Its name.</param>
/// <param name="Queued">Its jobs waiting to be claimed.</param>
/// <param name="OldestQueuedAgeSeconds">How long its oldest queued job has waited; null when none is queued.</param>
/// <param name="Running">Its jobs running now, on any instance.</param>
public sealed record RuntimeOrganizationDto(Guid Id, string Name, int Queued, double? OldestQueuedAgeSeconds, int Running);

public sealed class GetRuntimeHandler(IApplicationDbContext db, TimeProvider clock, IOptions<RuntimeOptions> options)
    : IQueryHandler<GetRuntimeQuery, RuntimeOverviewDto>
{
    public async ValueTask<RuntimeOverviewDto> Handle(GetRuntimeQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Operators stand outside every organization: these reads cross them on purpose. Four queries, however many jobs.
        var jobs = db.Jobs.IgnoreQueryFilters().AsNoTracking();
        var queued = await jobs.Where(j => j.Status == JobStatus.Queued)
            .GroupBy(j => j.OrganizationId)
            .Select(g => new { OrganizationId = g.Key, Count = g.Count(), Oldest = g.Min(j => j.CreatedAt) })
            .ToListAsync(cancellationToken);
        var running = await jobs.Where(j => j.Status == JobStatus.Running)
            .GroupBy(j => new { j.OrganizationId, j.ClaimedBy })
            .Select(g => new { g.Key.OrganizationId, g.Key.ClaimedBy, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var instances = await db.RuntimeInstances.AsNoTracking().ToListAsync(cancellationToken);
        var ids = queued.Select(q => q.OrganizationId).Concat(running.Select(r => r.OrganizationId)).Distinct().ToList();
        var names = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        double Age(DateTime since) => Math.Max(0, (now - since).TotalSeconds);

        var window = RuntimeHeartbeat.AliveWindow(options.Value);
        var held = running.Where(r => r.ClaimedBy is not null).GroupBy(r => r.ClaimedBy!).ToDictionary(g => g.Key, g => g.Sum(r => r.Count), StringComparer.Ordinal);
        var known = instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var instanceRows = instances
            .Select(i => new RuntimeInstanceDto(i.Id, i.StartedAt, i.LastSeenAt, i.IsAliveAt(now, window), held.GetValueOrDefault(i.Id)))
            .Concat(held.Where(h => !known.Contains(h.Key)).Select(h => new RuntimeInstanceDto(h.Key, null, null, false, h.Value)))
            .OrderByDescending(i => i.Alive)
            .ThenBy(i => i.StartedAt ?? DateTime.MaxValue)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();

        var organizations = ids
            .Select(id =>
            {
                var waiting = queued.FirstOrDefault(q => q.OrganizationId == id);
                return new RuntimeOrganizationDto(
                    id,
                    names.GetValueOrDefault(id, string.Empty),
                    waiting?.Count ?? 0,
                    waiting is null ? null : Age(waiting.Oldest),
                    running.Where(r => r.OrganizationId == id).Sum(r => r.Count));
            })
            .OrderByDescending(o => o.OldestQueuedAgeSeconds ?? -1)
            .ThenByDescending(o => o.Running)
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();

        return new RuntimeOverviewDto(
            now,
            queued.Sum(q => q.Count),
            running.Sum(r => r.Count),
            queued.Count == 0 ? null : Age(queued.Min(q => q.Oldest)),
            instanceRows,
            organizations);
    }
}
