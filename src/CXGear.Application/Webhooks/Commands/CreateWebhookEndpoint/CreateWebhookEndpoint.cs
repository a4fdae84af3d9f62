using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Vault.Common;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Commands.CreateWebhookEndpoint;

/// <summary>
/// <c>POST /webhook-endpoints</c>: a new endpoint and its signing secret, shown in this answer only. The secret is
/// encrypted like a vault value (the dispatcher must read it back to sign), never hashed.
/// </summary>
public sealed record CreateWebhookEndpointCommand(string? Url, IReadOnlyList<string>? Events, string? Description)
    : ICommand<WebhookSecretDto>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class CreateWebhookEndpointHandler(
    IApplicationDbContext db, ICurrentPrincipal principal, IWebhookUrlPolicy urls, IVaultCipher cipher, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateWebhookEndpointCommand, WebhookSecretDto>
{
    public async ValueTask<WebhookSecretDto> Handle(CreateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        if (urls.Problem(new Uri(command.Url!.Trim())) is { } problem)
        {
            throw WebhookErrors.Invalid("url", problem);
        }

        if (await db.WebhookEndpoints.CountAsync(cancellationToken) >= WebhookEndpoint.MaxPerOrganization)
        {
            throw new CXGearException(
                ErrorCodes.Conflict, $"An organization has at most {WebhookEndpoint.MaxPerOrganization} webhook endpoints; delete one you no longer use first.");
        }

        var organizationId = principal.OrganizationId!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = WebhookSecret.New();
        var endpoint = WebhookEndpoint.Create(
            organizationId, command.Url, command.Events!, command.Description, cipher.Protect(organizationId, secret), principal.UserId!.Value, now);
        db.WebhookEndpoints.Add(endpoint);
        audit.Record(AuditEventTypes.WebhookEndpointCreated, new { endpointId = endpoint.Id, url = endpoint.Url, events = endpoint.EventList });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(secret, WebhookEndpointDto.From(endpoint));
    }
}
