using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Common;

internal static class SpinnerVaultReferences
{
    /// <summary>
    /// A definition saved with a label the caller's vault does not hold would fail every record: the path of each
    /// missing label, with its message. The query is confined to the caller's organization, so another organization's
    /// labels count as missing.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> MissingAsync(IApplicationDbContext db, SpinnerDefinition definition, CancellationToken cancellationToken)
    {
        var references = definition.VaultReferences();
        if (references.Count == 0)
        {
            return [];
        }

        var labels = references.Select(r => r.Label).ToList();
        var held = await db.VaultSecrets.Where(s => labels.Contains(s.Label)).Select(s => s.Label).ToListAsync(cancellationToken);
        return references.Where(r => !held.Contains(r.Label)).GroupBy(m => m.Path).ToDictionary(
            g => g.Key,
            g => g.Select(m => $"The vault holds no secret '{m.Label}'; add it with PUT /vault/{m.Label} first.").ToArray());
    }
}
