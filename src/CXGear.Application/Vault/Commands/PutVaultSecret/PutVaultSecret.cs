using System.Text;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Vault.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Vault;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Vault.Commands.PutVaultSecret;

/// <summary>
/// <c>PUT /vault/{label}</c>: creates the secret or rotates its value (the next record that reads the label gets the
/// new one). The value is encrypted before it reaches the entity and is never returned, logged or audited.
/// </summary>
public sealed record PutVaultSecretCommand(string Label, string? Value, string? Description) : ICommand<VaultSecretDto>, IRequirePermission
{
    public string Permission => Permissions.VaultWrite;

    /// <summary>A record prints its members; this one must never print the value, wherever it is logged.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Label = ").Append(Label).Append(", Value = ").Append(CXGear.Domain.Spinners.Definitions.CredentialHeaders.Mask);
        return true;
    }
}

public sealed class PutVaultSecretHandler(IApplicationDbContext db, ICurrentPrincipal principal, IVaultCipher cipher, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<PutVaultSecretCommand, VaultSecretDto>
{
    public async ValueTask<VaultSecretDto> Handle(PutVaultSecretCommand command, CancellationToken cancellationToken)
    {
        var organizationId = principal.OrganizationId!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var value = command.Value!;
        var protectedValue = cipher.Protect(organizationId, value);
        var secret = await db.VaultSecrets.FirstOrDefaultAsync(s => s.Label == command.Label, cancellationToken);
        var created = secret is null;
        if (secret is null)
        {
            if (await db.VaultSecrets.CountAsync(cancellationToken) >= VaultSecret.MaxPerOrganization)
            {
                throw new CXGearException(
                    ErrorCodes.Conflict,
                    $"The vault holds at most {VaultSecret.MaxPerOrganization} secrets; delete one you no longer use first.");
            }

            secret = VaultSecret.Create(organizationId, command.Label, command.Description, value, protectedValue, principal.UserId!.Value, now);
            db.VaultSecrets.Add(secret);
        }
        else
        {
            secret.Rotate(command.Description, value, protectedValue, principal.UserId!.Value, now);
        }

        audit.Record(created ? AuditEventTypes.VaultSecretCreated : AuditEventTypes.VaultSecretRotated, new { label = secret.Label });
        await db.SaveChangesAsync(cancellationToken);
        return VaultSecretDto.From(secret);
    }
}
