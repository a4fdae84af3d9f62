using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Commands.UpdateWebhookEndpoint;

/// <summary>
/// <c>PATCH /webhook-endpoints/{id}</c>: changes what is given (url, events, description, enabled); absent fields stay.
/// Enabling a disabled endpoint clears its failure history; deliveries that ended while it was off stay ended (replay them).
/// </summary>
public sealed record UpdateWebhookEndpointCommand(Guid Id, string? Url, IReadOnlyList<string>? Events, string? Description, bool? Enabled)
    : ICommand<WebhookEndpointDto>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class UpdateWebhookEndpointHandler(IApplicationDbContext db, ICurrentPrincipal principal, IWebhookUrlPolicy urls, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateWebhookEndpointCommand, WebhookEndpointDto>
{
    public async ValueTask<WebhookEndpointDto> Handle(UpdateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
            ?? throw WebhookErrors.EndpointNotFound(command.Id);
        if (command.Url is not null && urls.Problem(new Uri(command.Url.Trim())) is { } problem)
        {
            throw WebhookErrors.Invalid("url", problem);
        }

        endpoint.Change(command.Url, command.Events, command.Description, command.Enabled, principal.UserId!.Value, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditEventTypes.WebhookEndpointChanged, new { endpointId = endpoint.Id, url = endpoint.Url, events = endpoint.EventList, enabled = endpoint.Enabled });
        await db.SaveChangesAsync(cancellationToken);
        return WebhookEndpointDto.From(endpoint);
    }
}
