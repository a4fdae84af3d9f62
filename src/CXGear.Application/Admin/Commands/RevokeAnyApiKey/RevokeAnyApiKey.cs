using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.RevokeAnyApiKey;

/// <summary>
/// Operators: kill a key in any organization, saying why (the organization sees the reason in its list). Keys it
/// replaced by rotation stop too (<see cref="ApiKeyRevocation"/>).
/// </summary>
public sealed record RevokeAnyApiKeyCommand(Guid Id, string Reason) : ICommand, IRequireOperator;

public sealed class RevokeAnyApiKeyHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RevokeAnyApiKeyCommand>
{
    public async ValueTask<Unit> Handle(RevokeAnyApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = await db.ApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw ApiKeyNotFound.Error(command.Id);
        if (key.RevokedAt is null)
        {
            key.Revoke(principal.UserId, command.Reason, now);
            var graceEnded = await ApiKeyRevocation.EndPredecessorsGraceAsync(db.ApiKeys.IgnoreQueryFilters(), key, now, cancellationToken);
            audit.Record(AuditEventTypes.ApiKeyRevoked, new { keyId = key.Id, key.Prefix, reason = key.RevokedReason, by = "operator", graceEnded }, organizationId: key.OrganizationId);
        }

        return Unit.Value;
    }
}
