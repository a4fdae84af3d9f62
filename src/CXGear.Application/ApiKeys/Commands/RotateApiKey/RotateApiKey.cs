using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Commands.RotateApiKey;

/// <summary>
/// Issues a successor with the same name, scopes and expiry; the old key keeps working for
/// <see cref="GraceSeconds"/> (0: it stops now). The pair holds one place on the API keys meter.
/// </summary>
public sealed record RotateApiKeyCommand(Guid Id, int GraceSeconds) : ICommand<CreatedApiKeyDto>, IRequirePermission
{
    public const int MaxGraceSeconds = 86_400;

    public string Permission => Permissions.ApiKeysManage;
}

public sealed class RotateApiKeyHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RotateApiKeyCommand, CreatedApiKeyDto>
{
    public async ValueTask<CreatedApiKeyDto> Handle(RotateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw ApiKeyNotFound.Error(command.Id);
        var secret = SecretFormat.ApiKey.Generate();
        var successor = key.Rotate(TimeSpan.FromSeconds(command.GraceSeconds), secret.LookupPrefix, secret.Hash, principal.UserId, now);
        db.ApiKeys.Add(successor);
        audit.Record(AuditEventTypes.ApiKeyRotated, new { keyId = key.Id, oldPrefix = key.Prefix, newKeyId = successor.Id, newPrefix = successor.Prefix, command.GraceSeconds });
        return new CreatedApiKeyDto(ApiKeyDto.From(successor, now), secret.Secret);
    }
}
