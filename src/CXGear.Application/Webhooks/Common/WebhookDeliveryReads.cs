using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Common;

/// <summary>Deliveries with their message's id and type and their attempts: two more queries for a page, whatever its size.</summary>
internal static class WebhookDeliveryReads
{
    public static async Task<IReadOnlyList<WebhookDeliveryDto>> ReadAsync(IApplicationDbContext db, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var messageIds = deliveries.Select(d => d.MessageId).Distinct().ToList();
        var types = await db.WebhookMessages.Where(m => messageIds.Contains(m.Id)).Select(m => new { m.Id, m.Type }).ToDictionaryAsync(m => m.Id, m => m.Type, cancellationToken);
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new WebhookDeliveryDto(
            d.Id,
            d.EndpointId,
            WebhookMessage.MessageIdOf(d.MessageId),
            types.GetValueOrDefault(d.MessageId, string.Empty),
            d.Status.ToString().ToLowerInvariant(),
            d.Attempts,
            d.NextAttemptAt,
            d.LastStatusCode,
            d.LastLatencyMs,
            d.LastError,
            d.CreatedAt,
            d.EndedAt,
            d.ReplayOf,
            attempts[d.Id].OrderBy(a => a.Number).Select(a => new WebhookAttemptDto(a.Number, a.AttemptedAt, a.StatusCode, a.LatencyMs, a.Error)).ToList()))
            .ToList();
    }
}
