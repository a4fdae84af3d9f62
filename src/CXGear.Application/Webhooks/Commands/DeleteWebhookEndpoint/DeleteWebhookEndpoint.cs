using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Commands.DeleteWebhookEndpoint;

/// <summary><c>DELETE /webhook-endpoints/{id}</c>: the endpoint, its secret and its deliveries (pending ones are never sent).</summary>
public sealed record DeleteWebhookEndpointCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class DeleteWebhookEndpointHandler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<DeleteWebhookEndpointCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
            ?? throw WebhookErrors.EndpointNotFound(command.Id);
        db.WebhookEndpoints.Remove(endpoint);
        audit.Record(AuditEventTypes.WebhookEndpointDeleted, new { endpointId = endpoint.Id, url = endpoint.Url });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
