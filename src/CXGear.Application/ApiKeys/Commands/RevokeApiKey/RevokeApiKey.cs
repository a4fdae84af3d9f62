using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Billing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Persistence;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>
/// Revokes a key of the caller's organization. Keys are checked against the database on every request, so the
/// next request with it fails on every instance. Revoking twice is a no-op (204 again).
/// </summary>
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.ApiKeysManage;
}

public sealed class RevokeApiKeyHandler(IApplicationDbContext db, IUsageMeters meters, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await ApiKeyChanges.OneAtATimeAsync(() => db.InTransactionAsync(
            async () =>
            {
                var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
                    ?? throw ApiKeyNotFound.Error(command.Id);
                if (key.RevokedAt is not null)
                {
                    return;
                }

                var heldPlace = key.Revoke(principal.UserId, "revoked by the organization", now);
                audit.Record(AuditEventTypes.ApiKeyRevoked, new { keyId = key.Id, key.Prefix, reason = key.RevokedReason, by = "organization" });
                await db.SaveChangesAsync(cancellationToken);
                if (heldPlace)
                {
                    await meters.ReleaseAsync(key.OrganizationId, Meter.ApiKeys, 1, cancellationToken);
                }
            },
            cancellationToken));
        return Unit.Value;
    }
}
