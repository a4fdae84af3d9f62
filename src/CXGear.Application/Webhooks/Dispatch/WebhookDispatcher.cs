using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Vault.Common;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Webhooks.Dispatch;

/// <summary>
/// Sends due deliveries. <see cref="RunOnceAsync"/> claims them with a conditional UPDATE and a lease, several of one
/// organization per statement (several instances may share the database; each delivery is sent by the one that won
/// it), sends up to <see cref="WebhookOptions.MaxConcurrentDeliveries"/> at once and at most
/// <see cref="WebhookOptions.MaxConcurrentPerOrganization"/> of one organization, taking the next from the
/// organization served longest ago, so a slow receiver holds its own organization's slots and nobody else's. The
/// attempts that finish together are recorded in one transaction per organization, each with the retry schedule's next
/// time or the delivery's end; an endpoint failing for <see cref="WebhookOptions.DisableAfterDays"/> is disabled there. The hosted loop calls it where
/// <c>Runtime:Enabled</c>; tests call it themselves.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IWebhookSender sender, WebhookSignal signal, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    /// <summary>Organizations with due deliveries considered per claim.</summary>
    private const int OrganizationScan = 200;

    private readonly Dictionary<Guid, long> _served = [];
    private long _turn;
    private long _claims;

    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Sends until nothing is due and nothing is in flight; returns how many attempts it made. While deliveries are in
    /// flight it claims more as slots free, when an event is written here (<see cref="WebhookSignal"/>) and every
    /// poll interval.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // A list, not a dictionary keyed by task: an attempt that completes synchronously may return the runtime's
        // cached completed task, the same instance for two attempts.
        var running = new List<(Task<Outcome?> Task, Guid OrganizationId)>();
        var attempts = 0;
        var poll = TimeSpan.FromMilliseconds(Math.Max(1, settings.PollIntervalMilliseconds));
        while (true)
        {
            while (running.Count < Math.Max(1, settings.MaxConcurrentDeliveries)
                && await ClaimAsync(running.Select(r => r.OrganizationId), Math.Max(1, settings.MaxConcurrentDeliveries) - running.Count, cancellationToken) is { Count: > 0 } claimed)
            {
                running.AddRange(claimed.Select(c => (DeliverAsync(c, cancellationToken), c.OrganizationId)));
            }

            if (running.Count == 0)
            {
                return attempts;
            }

            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var woken = signal.WaitAsync(poll, wait.Token);
                await Task.WhenAny(running.Select(r => (Task)r.Task).Append(woken));
                await wait.CancelAsync();
            }

            var outcomes = new List<Outcome>();
            foreach (var done in running.Where(r => r.Task.IsCompleted).ToList())
            {
                running.Remove(done);
                try
                {
                    if (await done.Task is { } outcome)
                    {
                        outcomes.Add(outcome);
                    }

                    attempts++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The lease ends and the delivery is claimed again: at least once.
                    DeliveryRunFailed(logger, exception);
                }
            }

            await RecordAllAsync(outcomes, cancellationToken);
        }
    }

    /// <summary>
    /// Among organizations with due deliveries and below their share here, the one with the fewest in flight, then the
    /// one served longest ago: as many of its deliveries as it and this instance have room for (at most
    /// <paramref name="room"/>), due first, in one claim. Empty when nothing is claimable.
    /// </summary>
    private async Task<IReadOnlyList<Claimed>> ClaimAsync(IEnumerable<Guid> runningOrganizations, int room, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var perOrganization = Math.Max(1, options.Value.MaxConcurrentPerOrganization);
        var busy = runningOrganizations.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        var now = clock.GetUtcNow().UtcDateTime;
        var due = Due(db, now);
        var waiting = await due.Select(d => d.OrganizationId).Distinct().OrderBy(o => o).Take(OrganizationScan).ToListAsync(cancellationToken);
        var order = waiting
            .Where(o => busy.GetValueOrDefault(o) < perOrganization)
            .OrderBy(o => busy.GetValueOrDefault(o))
            .ThenBy(o => _served.GetValueOrDefault(o));
        foreach (var organizationId in order)
        {
            var slots = Math.Min(room, perOrganization - busy.GetValueOrDefault(organizationId));

            // A few more than the slots: candidates another instance claims first are passed over, not waited for.
            var candidates = await due.Where(d => d.OrganizationId == organizationId)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(slots + 4)
                .ToListAsync(cancellationToken);
            var claimed = new List<Claimed>();
            for (var next = 0; next < candidates.Count && claimed.Count < slots;)
            {
                var chunk = candidates.Skip(next).Take(slots - claimed.Count).ToList();
                next += chunk.Count;
                claimed.AddRange(await TryClaimAsync(db, organizationId, chunk, now, cancellationToken));
            }

            if (claimed.Count > 0)
            {
                _served[organizationId] = Interlocked.Increment(ref _turn);
                return claimed;
            }
        }

        return [];
    }

    private static IQueryable<WebhookDelivery> Due(IApplicationDbContext db, DateTime now) =>
        db.WebhookDeliveries.IgnoreQueryFilters().AsNoTracking()
            .Where(WebhookDelivery.Claimable.At(now))
            .Where(d => db.WebhookEndpoints.IgnoreQueryFilters().Any(e => e.Id == d.EndpointId && e.Enabled));

    /// <summary>
    /// Claims those of <paramref name="deliveryIds"/> still claimable, in one conditional UPDATE (one commit), marking
    /// them with a token of this claim alone, by which they are then told apart from the ones another instance won.
    /// </summary>
    private async Task<IEnumerable<Claimed>> TryClaimAsync(
        IApplicationDbContext db, Guid organizationId, List<Guid> deliveryIds, DateTime now, CancellationToken cancellationToken)
    {
        var until = now.AddSeconds(Math.Max(1, options.Value.LeaseSeconds));
        var token = $"{InstanceId}#{Interlocked.Increment(ref _claims)}";

        // In this process's write turn (decisions/0013): outside it, a claim racing the attempts' own transactions
        // waits in SQLite's busy handler, whose sleeps capped the dispatcher at ~50 deliveries/s.
        using (await db.EnterWriteTurnAsync(cancellationToken))
        {
            await db.ClaimAsync(
                deliveryIds,
                ids => StillClaimable(ids).Select(d => d.Id),
                ids => StillClaimable(ids).ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, token).SetProperty(d => d.LeaseUntil, until), cancellationToken),
                cancellationToken);
        }

        IQueryable<WebhookDelivery> StillClaimable(IReadOnlyList<Guid> ids) =>
            db.WebhookDeliveries.IgnoreQueryFilters().Where(d => ids.Contains(d.Id)).Where(WebhookDelivery.Claimable.At(now));

        var won = await db.WebhookDeliveries.IgnoreQueryFilters()
            .Where(d => deliveryIds.Contains(d.Id) && d.ClaimedBy == token)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        return won.Select(id => new Claimed(id, organizationId, token));
    }

    /// <summary>One attempt: read and sign (the secrets of this instant) and send; null when the delivery is gone.</summary>
    private async Task<Outcome?> DeliverAsync(Claimed claimed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var target = await db.WebhookDeliveries.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Id == claimed.DeliveryId)
            .Join(db.WebhookEndpoints.IgnoreQueryFilters(), d => d.EndpointId, e => e.Id, (d, e) => new { Endpoint = e, d.MessageId })
            .Join(db.WebhookMessages.IgnoreQueryFilters(), x => x.MessageId, m => m.Id, (x, m) => new { x.Endpoint, x.MessageId, m.Body })
            .SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return null;
        }

        var cipher = scope.ServiceProvider.GetRequiredService<IVaultCipher>();
        var now = clock.GetUtcNow();
        var secrets = target.Endpoint.SigningSecrets(now.UtcDateTime).Select(s => cipher.TryUnprotect(claimed.OrganizationId, s)).OfType<string>().ToList();
        WebhookSendResult result;
        if (secrets.Count == 0)
        {
            result = new WebhookSendResult(null, "The signing secret cannot be decrypted with this key ring; rotate it.", TimeSpan.Zero);
        }
        else
        {
            var messageId = WebhookMessage.MessageIdOf(target.MessageId);
            var timestamp = now.ToUnixTimeSeconds();
            var signature = WebhookSignature.Sign(messageId, timestamp, target.Body, secrets);
            result = await sender.SendAsync(new WebhookSendRequest(target.Endpoint.Url, messageId, timestamp, signature, target.Body), cancellationToken);
        }

        return new Outcome(claimed, result);
    }

    /// <summary>
    /// Records the outcomes of the attempts that finished together: one transaction (one commit) per organization among
    /// them instead of one per attempt, which bounded the dispatcher by the commit rate (decision 0034). If that
    /// transaction fails, each outcome is recorded alone, so one cannot take the others' records down; an outcome that
    /// still cannot be recorded is sent again when its lease ends (at least once).
    /// </summary>
    private async Task RecordAllAsync(List<Outcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var organization in outcomes.GroupBy(o => o.Claimed.OrganizationId))
        {
            try
            {
                await RecordAsync(organization.Key, [.. organization], cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                foreach (var outcome in organization)
                {
                    try
                    {
                        await RecordAsync(organization.Key, [outcome], cancellationToken);
                    }
                    catch (Exception alone) when (alone is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        DeliveryRunFailed(logger, alone);
                    }
                }
            }
        }
    }

    private async Task RecordAsync(Guid organizationId, IReadOnlyList<Outcome> outcomes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        scope.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = organizationId;
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            async () =>
            {
                // One by one, each saved before the next is read (one commit at the end all the same): an endpoint
                // disabled by one of them ends the endpoint's other pending deliveries with a bulk update, which must
                // see the earlier ones as recorded and is seen by the later ones, which are then left as they are.
                db.Database.AutoSavepointsEnabled = false;
                foreach (var (claimed, result) in outcomes)
                {
                    await RecordOneAsync(db, audit, claimed, result, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
            },
            cancellationToken);
    }

    private async Task RecordOneAsync(IApplicationDbContext db, IAuditLog audit, Claimed claimed, WebhookSendResult result, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.IgnoreQueryFilters().SingleOrDefaultAsync(d => d.Id == claimed.DeliveryId, cancellationToken);
        if (delivery is null || delivery.ClaimedBy != claimed.Token || delivery.Status != WebhookDeliveryStatus.Pending)
        {
            // Deleted with its endpoint, or the lease ran out and another instance took it: its record stands.
            return;
        }

        var endpoint = await db.WebhookEndpoints.IgnoreQueryFilters().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var latency = (int)Math.Min(int.MaxValue, Math.Round(result.Latency.TotalMilliseconds));
        if (result.Succeeded)
        {
            db.WebhookAttempts.Add(delivery.Succeeded(result.StatusCode!.Value, latency, now));
            endpoint.DeliverySucceeded();
            return;
        }

        var error = result.Error ?? $"HTTP {result.StatusCode}";
        db.WebhookAttempts.Add(delivery.Failed(result.StatusCode, error, latency, now, Random.Shared.NextDouble()));
        if (endpoint.DeliveryFailed(error, TimeSpan.FromDays(options.Value.DisableAfterDays), now))
        {
            EndpointDisabled(logger, endpoint.Id, endpoint.OrganizationId);
            audit.Record(AuditEventTypes.WebhookEndpointDisabled, new { endpointId = endpoint.Id, reason = endpoint.DisabledReason }, endpoint.OrganizationId);
            delivery.EndWithEndpoint(now);
            var endpointId = endpoint.Id;
            var deliveryId = delivery.Id;
            await db.WebhookDeliveries.IgnoreQueryFilters()
                .Where(d => d.EndpointId == endpointId && d.Id != deliveryId && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Failed)
                        .SetProperty(d => d.NextAttemptAt, (DateTime?)null)
                        .SetProperty(d => d.EndedAt, now)
                        .SetProperty(d => d.LastError, "The endpoint was disabled."),
                    cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery attempt failed unexpectedly; it is claimed again when its lease ends")]
    private static partial void DeliveryRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} of organization {OrganizationId} disabled after failing for the configured window")]
    private static partial void EndpointDisabled(ILogger logger, Guid endpointId, Guid organizationId);

    /// <param name="Token">What the claim wrote in <c>ClaimedBy</c>: the outcome is recorded only while it is still there.</param>
    private sealed record Claimed(Guid DeliveryId, Guid OrganizationId, string Token);

    private sealed record Outcome(Claimed Claimed, WebhookSendResult Result);
}
