using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.ApiKeys;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;

namespace CXGear.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>Creates a key and returns its secret, the only time it is ever shown.</summary>
/// <remarks>Expired keys are swept first, so their places on the API keys meter are free for this one.</remarks>
public sealed record CreateApiKeyCommand(string Name, IReadOnlyList<string> Scopes, DateTime? ExpiresAt)
    : ICommand<CreatedApiKeyDto>, IRequirePermission
{
    public string Permission => Permissions.ApiKeysManage;

    /// <summary>
    /// The expiry in UTC. A time sent without an offset is taken as UTC, never as the server's local time,
    /// so the same request means the same instant on every host.
    /// </summary>
    public DateTime? ExpiresAtUtc => ExpiresAt switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } at => DateTime.SpecifyKind(at, DateTimeKind.Utc),
        { } at => at.ToUniversalTime(),
    };
}

public sealed class CreateApiKeyHandler(IApplicationDbContext db, ICurrentPrincipal principal, IPermissionReader permissions, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public async ValueTask<CreatedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organizationId = principal.OrganizationId!.Value;
        foreach (var scope in command.Scopes.Where(ApiKeyScopes.IsKnown).Distinct(StringComparer.Ordinal))
        {
            await permissions.EnsureHeldAsync(principal, ApiKeyScopes.PermissionFor(scope), cancellationToken);
        }

        await ExpiredKeys.SweepAsync(db, organizationId, now, cancellationToken);
        var secret = SecretFormat.ApiKey.Generate();
        var key = ApiKey.Create(organizationId, command.Name, command.Scopes, command.ExpiresAtUtc, secret.LookupPrefix, secret.Hash, principal.UserId, now);
        db.ApiKeys.Add(key);
        audit.Record(AuditEventTypes.ApiKeyCreated, new { keyId = key.Id, key.Prefix, key.Name, key.Scopes, key.ExpiresAt });
        return new CreatedApiKeyDto(ApiKeyDto.From(key, now), secret.Secret);
    }
}
