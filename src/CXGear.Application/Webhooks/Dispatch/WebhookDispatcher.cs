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
/// Sends due deliveries. <see cref="RunOnceAsync"/> claims them one at a time with a conditional UPDATE and a lease
/// (several instances may share the database; each delivery is sent by the one that won it), sends up to
/// <see cref="WebhookOptions.MaxConcurrentDeliveries"/> at once and at most
/// <see cref="WebhookOptions.MaxConcurrentPerOrganization"/> of one organization, taking the next from the
/// organization served longest ago, so a slow receiver holds its own organization's slots and nobody else's. Each
/// attempt is recorded in its own transaction, with the retry schedule's next time or the delivery's end; an
/// endpoint failing for <see cref="WebhookOptions.DisableAfterDays"/> is disabled there. The hosted loop calls it where
/// <c>Runtime:Enabled</c>; tests call it themselves.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, IWebhookSender sender, WebhookSignal signal, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    /// <summary>Organizations with due deliveries considered per claim.</summary>
    private const int OrganizationScan = 200;

    private readonly Dictionary<Guid, long> _served = [];
    private long _turn;

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
        var running = new List<(Task Task, Guid OrganizationId)>();
        var attempts = 0;
        var poll = TimeSpan.FromMilliseconds(Math.Max(1, settings.PollIntervalMilliseconds));
        while (true)
        {
            while (running.Count < Math.Max(1, settings.MaxConcurrentDeliveries)
                && await ClaimAsync(running.Select(r => r.OrganizationId), cancellationToken) is { } claimed)
            {
                running.Add((DeliverAsync(claimed, cancellationToken), claimed.OrganizationId));
            }

            if (running.Count == 0)
            {
                return attempts;
            }

            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var woken = signal.WaitAsync(poll, wait.Token);
                await Task.WhenAny(running.Select(r => r.Task).Append(woken));
                await wait.CancelAsync();
            }

            foreach (var done in running.Where(r => r.Task.IsCompleted).ToList())
            {
                running.Remove(done);
                try
                {
                    await done.Task;
                    attempts++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The lease ends and the delivery is claimed again: at least once.
                    DeliveryRunFailed(logger, exception);
                }
            }
        }
    }

    /// <summary>
    /// Among organizations with due deliveries and below their share here, the one with the fewest in flight, then the
    /// one served longest ago, then its delivery due first. Null when nothing is claimable.
    /// </summary>
    private async Task<Claimed?> ClaimAsync(IEnumerable<Guid> runningOrganizations, CancellationToken cancellationToken)
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
            var candidates = await due.Where(d => d.OrganizationId == organizationId)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(5)
                .ToListAsync(cancellationToken);
            foreach (var id in candidates)
            {
                if (await TryClaimAsync(db, id, now, cancellationToken))
                {
                    _served[organizationId] = Interlocked.Increment(ref _turn);
                    return new Claimed(id, organizationId);
                }
            }
        }

        return null;
    }

    private static IQueryable<WebhookDelivery> Due(IApplicationDbContext db, DateTime now) =>
        db.WebhookDeliveries.IgnoreQueryFilters().AsNoTracking()
            .Where(WebhookDelivery.Claimable.At(now))
            .Where(d => db.WebhookEndpoints.IgnoreQueryFilters().Any(e => e.Id == d.EndpointId && e.Enabled));

    private async Task<bool> TryClaimAsync(IApplicationDbContext db, Guid deliveryId, DateTime now, CancellationToken cancellationToken)
    {
        var until = now.AddSeconds(Math.Max(1, options.Value.LeaseSeconds));
        var instance = InstanceId;

        // In this process's write turn (decisions/0013): outside it, a claim racing the attempts' own transactions
        // waits in SQLite's busy handler, whose sleeps capped the dispatcher at ~50 deliveries/s.
        using var turn = await db.EnterWriteTurnAsync(cancellationToken);
        var claimed = await db.ClaimAsync(
            db.WebhookDeliveries.IgnoreQueryFilters().Where(d => d.Id == deliveryId).Where(WebhookDelivery.Claimable.At(now)),
            delivery => delivery.ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, instance).SetProperty(d => d.LeaseUntil, until), cancellationToken),
            cancellationToken);
        return claimed == 1;
    }

    /// <summary>One attempt: read and sign (the secrets of this instant), send, then record the outcome if the claim is still ours.</summary>
    private async Task DeliverAsync(Claimed claimed, CancellationToken cancellationToken)
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
            return;
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

        await RecordAsync(scope, claimed, result, cancellationToken);
    }

    private async Task RecordAsync(AsyncServiceScope scope, Claimed claimed, WebhookSendResult result, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        scope.ServiceProvider.GetRequiredService<BackgroundTenant>().OrganizationId = claimed.OrganizationId;
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        var instance = InstanceId;
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            async () =>
            {
                var delivery = await db.WebhookDeliveries.IgnoreQueryFilters().SingleOrDefaultAsync(d => d.Id == claimed.DeliveryId, cancellationToken);
                if (delivery is null || delivery.ClaimedBy != instance || delivery.Status != WebhookDeliveryStatus.Pending)
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
            },
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery attempt failed unexpectedly; it is claimed again when its lease ends")]
    private static partial void DeliveryRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} of organization {OrganizationId} disabled after failing for the configured window")]
    private static partial void EndpointDisabled(ILogger logger, Guid endpointId, Guid organizationId);

    private sealed record Claimed(Guid DeliveryId, Guid OrganizationId);
}
