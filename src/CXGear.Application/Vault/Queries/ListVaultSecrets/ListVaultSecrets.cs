using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Vault.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Vault.Queries.ListVaultSecrets;

/// <summary><c>GET /vault</c>: every entry of the caller's organization by label, masked. No route returns a value.</summary>
public sealed record ListVaultSecretsQuery : IQuery<VaultSecretList>, IRequirePermission
{
    public string Permission => Permissions.VaultRead;
}

public sealed class ListVaultSecretsHandler(IApplicationDbContext db) : IQueryHandler<ListVaultSecretsQuery, VaultSecretList>
{
    public async ValueTask<VaultSecretList> Handle(ListVaultSecretsQuery query, CancellationToken cancellationToken) =>
        new(await db.VaultSecrets.OrderBy(s => s.Label).Select(VaultSecretDto.Projection).ToListAsync(cancellationToken));
}
