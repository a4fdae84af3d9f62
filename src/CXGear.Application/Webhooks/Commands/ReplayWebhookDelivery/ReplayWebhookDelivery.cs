using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Commands.ReplayWebhookDelivery;

/// <summary>
/// <c>POST /webhook-deliveries/{id}/replay</c>: the same message (same <c>webhook-id</c> and body) to the same
/// endpoint again, as a new delivery with a retry window of its own; the original keeps its log. The endpoint must be
/// enabled (409 CONFLICT otherwise: enable it first).
/// </summary>
public sealed record ReplayWebhookDeliveryCommand(Guid Id) : ICommand<WebhookDeliveryDto>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class ReplayWebhookDeliveryHandler(IApplicationDbContext db, WebhookSignal signal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ReplayWebhookDeliveryCommand, WebhookDeliveryDto>
{
    public async ValueTask<WebhookDeliveryDto> Handle(ReplayWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        var original = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.Id, cancellationToken)
            ?? throw WebhookErrors.DeliveryNotFound(command.Id);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == original.EndpointId && e.Enabled, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.Conflict, $"The endpoint of delivery {command.Id} is disabled: enable it before replaying.");
        }

        var replay = original.Replay(clock.GetUtcNow().UtcDateTime);
        db.WebhookDeliveries.Add(replay);
        audit.Record(AuditEventTypes.WebhookDeliveryReplayed, new { deliveryId = original.Id, replayId = replay.Id, endpointId = replay.EndpointId });
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return (await WebhookDeliveryReads.ReadAsync(db, [replay], cancellationToken)).Single();
    }
}
