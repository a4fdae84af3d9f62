using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Commands.RevokeApiKey;

/// <summary>
/// Revokes a key of the caller's organization. Keys are checked against the database on every request, so the
/// next request with it fails on every instance. Revoking twice is a no-op (204 again). Keys it replaced by rotation
/// stop too, grace or not (<see cref="ApiKeyRevocation"/>).
/// </summary>
public sealed record RevokeApiKeyCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.ApiKeysManage;
}

public sealed class RevokeApiKeyHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RevokeApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw ApiKeyNotFound.Error(command.Id);
        if (key.RevokedAt is null)
        {
            key.Revoke(principal.UserId, "revoked by the organization", now);
            var graceEnded = await ApiKeyRevocation.EndPredecessorsGraceAsync(db.ApiKeys, key, now, cancellationToken);
            audit.Record(AuditEventTypes.ApiKeyRevoked, new { keyId = key.Id, key.Prefix, reason = key.RevokedReason, by = "organization", graceEnded });
        }

        return Unit.Value;
    }
}
