using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Billing;
using CXGear.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Common;

/// <summary>
/// Keys past their <c>expiresAt</c> stop working at once but hold their meter place until swept: each create
/// sweeps first, so an expired key never blocks a new one. The conditional update makes a concurrent sweep of
/// the same key count it once.
/// </summary>
internal static class ExpiredKeys
{
    public static async Task SweepAsync(IApplicationDbContext db, IUsageMeters meters, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var swept = await db.ApiKeys
            .Where(k => k.OrganizationId == organizationId && k.RevokedAt == null && k.ReplacedByKeyId == null && k.ExpiresAt != null && k.ExpiresAt <= now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(k => k.RevokedAt, k => k.ExpiresAt).SetProperty(k => k.RevokedReason, "expired"),
                cancellationToken);
        if (swept > 0)
        {
            await meters.ReleaseAsync(organizationId, Meter.ApiKeys, swept, cancellationToken);
        }
    }
}
