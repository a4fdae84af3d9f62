using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Common;

internal static class SpinnerVaultReferences
{
    /// <summary>
    /// A definition saved with a label the caller's vault does not hold would fail every record; 400 at the path of
    /// each missing label instead. The query is confined to the caller's organization, so another organization's
    /// labels count as missing.
    /// </summary>
    public static async Task EnsureHeldAsync(IApplicationDbContext db, SpinnerDefinition definition, CancellationToken cancellationToken)
    {
        var references = definition.VaultReferences();
        if (references.Count == 0)
        {
            return;
        }

        var labels = references.Select(r => r.Label).ToList();
        var held = await db.VaultSecrets.Where(s => labels.Contains(s.Label)).Select(s => s.Label).ToListAsync(cancellationToken);
        var missing = references.Where(r => !held.Contains(r.Label)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var error = new CXGearException(ErrorCodes.ValidationError, "The definition names vault secrets that do not exist.");
        error.Extensions["errors"] = missing.GroupBy(m => m.Path).ToDictionary(
            g => g.Key,
            g => g.Select(m => $"The vault holds no secret '{m.Label}'; add it with PUT /vault/{m.Label} first.").ToArray());
        throw error;
    }
}
