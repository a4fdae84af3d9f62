using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Common;

/// <summary>
/// Builds the operators' view of organizations. Operators stand outside every organization, so each read
/// here crosses organizations on purpose (<c>IgnoreQueryFilters</c>), and never shows the platform's own.
/// </summary>
internal static class OrganizationOverviews
{
    /// <summary>Customer organizations only: the platform organization is not something operators manage.</summary>
    public static IQueryable<Organization> Customers(IApplicationDbContext db) =>
        db.Organizations.IgnoreQueryFilters().Where(o => o.Id != Organization.PlatformId);

    public static CXGearException NotFound() => new(ErrorCodes.NotFound, "Organization not found.");

    /// <summary>Two queries for the whole page (counters, active users), not two per organization.</summary>
    public static async Task<IReadOnlyList<AdminOrganizationDto>> DescribeAsync(
        IApplicationDbContext db, PlanCatalog plans, IReadOnlyList<Organization> organizations, DateTime now, CancellationToken cancellationToken)
    {
        var ids = organizations.Select(o => o.Id).ToList();

        // Capacity meters live in the "total" row, monthly ones in this month's: older months are history.
        var periods = Meters.All.Select(m => m.PeriodAt(now)).Distinct().ToList();
        var counters = await db.UsageCounters.IgnoreQueryFilters().AsNoTracking()
            .Where(c => ids.Contains(c.OrganizationId) && periods.Contains(c.Period))
            .ToListAsync(cancellationToken);
        var activeUsers = await db.Users.IgnoreQueryFilters()
            .Where(u => ids.Contains(u.OrganizationId) && u.Status == UserStatus.Active)
            .GroupBy(u => u.OrganizationId)
            .Select(g => new { OrganizationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.OrganizationId, x => x.Count, cancellationToken);

        return organizations.Select(o => new AdminOrganizationDto(
                o.Id,
                o.Name,
                o.Plan.Id(),
                o.CreatedAt,
                activeUsers.GetValueOrDefault(o.Id),
                Usage(o, counters, plans, now),
                o.Status.Id(),
                o.SuspendedAt,
                o.SuspensionReason))
            .ToList();
    }

    internal static IReadOnlyList<OrganizationMeterUsageDto> Usage(Organization organization, IReadOnlyList<UsageCounter> counters, PlanCatalog plans, DateTime now) =>
        Meters.All.Select(meter =>
            {
                var period = meter.PeriodAt(now);
                var used = counters.FirstOrDefault(c => c.OrganizationId == organization.Id && c.Meter == meter && c.Period == period)?.Used ?? 0;
                return new OrganizationMeterUsageDto(meter.Key(), used, plans.LimitFor(organization.Plan, meter));
            })
            .ToList();
}
