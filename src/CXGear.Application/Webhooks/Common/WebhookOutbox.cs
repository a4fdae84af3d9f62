using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Common;

/// <summary>
/// Writes events into the outbox: a <see cref="WebhookMessage"/> with its exact body and one pending
/// <see cref="WebhookDelivery"/> per enabled endpoint of the organization that subscribed to the type. It only adds
/// to the caller's change tracker, so the event is saved by the save that saves its cause, in the same transaction
/// (a command's unit of work, or the runtime's flush): a rolled-back change leaves no event, a committed one cannot
/// lose its event. No subscribed endpoint, no row.
/// </summary>
public sealed class WebhookOutbox(IApplicationDbContext db, WebhookSignal signal, TimeProvider clock)
{
    /// <summary>The body's shape for every event: camelCase, as the read routes answer.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The organization's enabled endpoints subscribed to any of <paramref name="types"/>, with what they subscribe to.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> SubscribersAsync(Guid organizationId, IReadOnlyCollection<string> types, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.Enabled)
            .ToListAsync(cancellationToken);
        return endpoints.Where(e => types.Any(e.Subscribes)).ToList();
    }

    /// <summary>Adds the event for the organization's subscribers; true when any endpoint will receive it.</summary>
    public async Task<bool> AddAsync(Guid organizationId, string type, object data, CancellationToken cancellationToken) =>
        Add(organizationId, type, data, await SubscribersAsync(organizationId, [type], cancellationToken));

    /// <summary>Adds the event for those of <paramref name="endpoints"/> (already read) that subscribe to it.</summary>
    public bool Add(Guid organizationId, string type, object data, IReadOnlyList<WebhookEndpoint> endpoints)
    {
        var subscribed = endpoints.Where(e => e.Subscribes(type)).ToList();
        if (subscribed.Count == 0)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var id = WebhookMessage.NewId(now);
        var body = JsonSerializer.Serialize(
            new WebhookEventBody(WebhookMessage.MessageIdOf(id), type, now, organizationId, data), Json);
        db.WebhookMessages.Add(WebhookMessage.Create(id, organizationId, type, body, now));
        foreach (var endpoint in subscribed)
        {
            db.WebhookDeliveries.Add(WebhookDelivery.Create(organizationId, endpoint.Id, id, now));
        }

        signal.Notify();
        return true;
    }
}

/// <summary>What every event's body holds; <c>data</c> is the DTO the read routes return for the same thing.</summary>
public sealed record WebhookEventBody(string Id, string Type, DateTime CreatedAt, Guid OrganizationId, object Data);
