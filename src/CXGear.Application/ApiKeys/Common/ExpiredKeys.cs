using CXGear.Application.Common.Abstractions;
using CXGear.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Common;

/// <summary>
/// Keys past their <c>expiresAt</c> stop working at once; their meter place is given back by a sweep that marks them
/// revoked at the expiry instant. The runtime sweeps every organization at each poll (<see cref="SweepAllAsync"/>), so
/// the API keys meter falls within a poll interval of the expiry, not at the next create; each create still sweeps its
/// own organization first, so an expired key never blocks a new one even where no runtime runs.
/// </summary>
internal static class ExpiredKeys
{
    /// <summary>Keys given back per sweep; more wait for the next poll.</summary>
    private const int SweepBatch = 200;

    /// <summary>
    /// Across organizations (the runtime has no tenant): expired keys still holding a place, oldest expiry first. The
    /// caller runs it in a unit of work, so the keys' revocation and the meters' give-back commit together; the keys'
    /// concurrency tokens make a second instance sweeping the same key fail rather than give its place back twice.
    /// </summary>
    public static async Task<int> SweepAllAsync(IApplicationDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var expired = await db.ApiKeys.IgnoreQueryFilters()
            .Where(ApiKey.ExpiredHoldingPlace.At(now))
            .OrderBy(k => k.ExpiresAt)
            .Take(SweepBatch)
            .ToListAsync(cancellationToken);
        foreach (var key in expired)
        {
            key.SweepIfExpired(now);
        }

        return expired.Count;
    }

    public static async Task SweepAsync(IApplicationDbContext db, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var expired = await db.ApiKeys
            .Where(k => k.OrganizationId == organizationId)
            .Where(ApiKey.ExpiredHoldingPlace.At(now))
            .ToListAsync(cancellationToken);
        foreach (var key in expired)
        {
            key.SweepIfExpired(now);
        }
    }
}
