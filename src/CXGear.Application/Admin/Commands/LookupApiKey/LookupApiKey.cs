using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.LookupApiKey;

/// <summary>
/// Operators: which organization owns a leaked secret. The secret travels in the body (never a URL) and is
/// not stored or logged; a malformed secret and an unknown one get the same 404. Every lookup is audited.
/// </summary>
public sealed record LookupApiKeyCommand(string Secret) : ICommand<ApiKeyOwnerDto>, IRequireOperator
{
    /// <summary>Records print their members; this one carries a secret.</summary>
    public override string ToString() => nameof(LookupApiKeyCommand);
}

public sealed record OwnerOrganizationDto(Guid Id, string Name, string Plan);

public sealed record ApiKeyOwnerDto(OwnerOrganizationDto Organization, ApiKeyDto Key);

public sealed class LookupApiKeyHandler(IApplicationDbContext db, IAuditLog audit, TimeProvider clock) : ICommandHandler<LookupApiKeyCommand, ApiKeyOwnerDto>
{
    public async ValueTask<ApiKeyOwnerDto> Handle(LookupApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = SecretFormat.ApiKey.TryParse(command.Secret, out var prefix)
            ? await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken)
            : null;
        if (key is null || !SecretFormat.Matches(command.Secret, key.SecretHash))
        {
            audit.Record(AuditEventTypes.ApiKeyLookedUp, new { found = false });
            throw new CXGearException(ErrorCodes.NotFound, "No API key matches this secret.") { KeepsChanges = true };
        }

        var organization = await db.Organizations.IgnoreQueryFilters().AsNoTracking().FirstAsync(o => o.Id == key.OrganizationId, cancellationToken);
        audit.Record(AuditEventTypes.ApiKeyLookedUp, new { found = true, keyId = key.Id, key.Prefix }, organizationId: key.OrganizationId);
        return new ApiKeyOwnerDto(
            new OwnerOrganizationDto(organization.Id, organization.Name, organization.Plan.ToString().ToLowerInvariant()),
            ApiKeyDto.From(key, now));
    }
}
