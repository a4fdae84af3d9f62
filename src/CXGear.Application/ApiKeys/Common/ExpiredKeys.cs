using CXGear.Application.Common.Abstractions;
using CXGear.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Common;

/// <summary>
/// Keys past their <c>expiresAt</c> stop working at once but hold their meter place until swept: each create
/// sweeps first, so an expired key never blocks a new one. There are at most as many as the plan's key cap.
/// </summary>
internal static class ExpiredKeys
{
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
