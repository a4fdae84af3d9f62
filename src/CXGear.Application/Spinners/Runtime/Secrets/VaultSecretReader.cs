using CXGear.Application.Common.Abstractions;
using CXGear.Application.Vault.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Spinners.Runtime.Secrets;

/// <summary>
/// Reads the encrypted values in a scope of its own: records of a job run concurrently and only the job's coordinator
/// may use the job's DbContext. Only the labels one step names are read and decrypted. The cipher comes from that
/// scope too, so hosts that run the engine without a vault (benchmarks, engine tests) need not configure one.
/// </summary>
internal sealed partial class VaultSecretReader(IServiceScopeFactory scopes, ILogger<VaultSecretReader> logger) : IVaultSecretReader
{
    public async Task<IReadOnlyDictionary<string, string>> RevealAsync(
        Guid organizationId, IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<IVaultCipher>();
        var rows = await db.VaultSecrets.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && labels.Contains(s.Label))
            .Select(s => new { s.Label, s.ProtectedValue })
            .ToListAsync(cancellationToken);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (cipher.TryUnprotect(organizationId, row.ProtectedValue) is { } value)
            {
                values[row.Label] = value;
            }
            else
            {
                Undecryptable(logger, organizationId, row.Label);
            }
        }

        return values;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Vault secret {Label} of organization {OrganizationId} cannot be decrypted with this key ring")]
    private static partial void Undecryptable(ILogger logger, Guid organizationId, string label);
}
