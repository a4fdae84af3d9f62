using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Vault.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Vault.Commands.DeleteVaultSecret;

/// <summary>
/// <c>DELETE /vault/{label}</c>: the encrypted value is gone with the row. Spinners that still name the label keep
/// their definitions; their records fail with <c>VAULT_SECRET_MISSING</c> until the label is put again.
/// </summary>
public sealed record DeleteVaultSecretCommand(string Label) : ICommand, IRequirePermission
{
    public string Permission => Permissions.VaultWrite;
}

public sealed class DeleteVaultSecretHandler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<DeleteVaultSecretCommand>
{
    public async ValueTask<Unit> Handle(DeleteVaultSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = await db.VaultSecrets.FirstOrDefaultAsync(s => s.Label == command.Label, cancellationToken)
            ?? throw VaultSecretNotFound.Error(command.Label);
        db.VaultSecrets.Remove(secret);
        audit.Record(AuditEventTypes.VaultSecretDeleted, new { label = secret.Label });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
