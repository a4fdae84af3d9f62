using CXGear.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Common;

/// <summary>
/// What revoking a key also does, for the organization's route and the operators' alike: every key it replaced,
/// directly or through a chain of rotations, that is still in its grace stops now (<see cref="ApiKey.EndGrace"/>).
/// Otherwise revoking a leaked successor left its predecessor working for up to a day.
/// </summary>
internal static class ApiKeyRevocation
{
    /// <summary>
    /// Ends the grace of <paramref name="revoked"/>'s predecessors; <paramref name="keys"/> is the set the caller may
    /// see (filtered to its organization, or not for operators). Returns the ids whose grace ended, for the audit.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> EndPredecessorsGraceAsync(IQueryable<ApiKey> keys, ApiKey revoked, DateTime now, CancellationToken cancellationToken)
    {
        if (revoked.RotatedFromKeyId is null)
        {
            return [];
        }

        // The organization's rotations as (old → new) links, one small projection; walked back in memory from the
        // revoked key, since a key whose own grace is over may sit between two that still work.
        var links = await keys
            .Where(k => k.OrganizationId == revoked.OrganizationId && k.ReplacedByKeyId != null)
            .Select(k => new { k.Id, ReplacedBy = k.ReplacedByKeyId!.Value })
            .ToDictionaryAsync(k => k.ReplacedBy, k => k.Id, cancellationToken);
        var chain = new List<Guid>();
        for (var current = revoked.Id; links.TryGetValue(current, out var predecessor) && !chain.Contains(predecessor); current = predecessor)
        {
            chain.Add(predecessor);
        }

        var predecessors = await keys.Where(k => chain.Contains(k.Id)).ToListAsync(cancellationToken);
        return predecessors.Where(k => k.EndGrace(now)).Select(k => k.Id).ToList();
    }
}
