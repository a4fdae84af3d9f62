using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Vault.Common;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Commands.RotateWebhookSecret;

/// <summary>
/// <c>POST /webhook-endpoints/{id}/rotate-secret</c>: a new secret, shown once; for 24 hours every delivery carries
/// a signature by each, so the receiver can switch to the new one at its own pace.
/// </summary>
public sealed record RotateWebhookSecretCommand(Guid Id) : ICommand<WebhookSecretDto>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class RotateWebhookSecretHandler(IApplicationDbContext db, ICurrentPrincipal principal, IVaultCipher cipher, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretDto>
{
    public async ValueTask<WebhookSecretDto> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == command.Id, cancellationToken)
            ?? throw WebhookErrors.EndpointNotFound(command.Id);
        var secret = WebhookSecret.New();
        endpoint.RotateSecret(cipher.Protect(endpoint.OrganizationId, secret), principal.UserId!.Value, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditEventTypes.WebhookSecretRotated, new { endpointId = endpoint.Id, previousSecretExpiresAt = endpoint.PreviousSecretExpiresAt });
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(secret, WebhookEndpointDto.From(endpoint));
    }
}
