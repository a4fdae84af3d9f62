using CXGear.Application.Admin.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Queries.ListOrganizations;

/// <summary>
/// Customer organizations, newest first; <c>Search</c> matches the name, <c>Plan</c> is a plan id; <c>Meter</c>
/// with <c>MinUsed</c> keeps those using at least that much of the meter in its current period.
/// </summary>
public sealed record ListOrganizationsQuery(string? Search, string? Plan, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<AdminOrganizationDto>>, IRequireOperator, IPagedRequest
{
    public string? Meter { get; init; }

    public long? MinUsed { get; init; }
}

public sealed class ListOrganizationsHandler(IApplicationDbContext db, PlanCatalog plans, TimeProvider clock)
    : IQueryHandler<ListOrganizationsQuery, PagedResult<AdminOrganizationDto>>
{
    public async ValueTask<PagedResult<AdminOrganizationDto>> Handle(ListOrganizationsQuery query, CancellationToken cancellationToken)
    {
        var organizations = OrganizationOverviews.Customers(db).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Lower-casing both sides is case-insensitive on every provider, whatever the column's collation.
            var term = query.Search.Trim().ToLowerInvariant();
            organizations = organizations.Where(o => o.Name.ToLower().Contains(term));
        }

        if (PlanIds.TryParse(query.Plan, out var plan))
        {
            organizations = organizations.Where(o => o.Plan == plan);
        }

        // minUsed 0 keeps everyone: an organization without a counter row for the period has used nothing.
        if (Meters.TryParse(query.Meter ?? string.Empty, out var meter) && query.MinUsed is > 0 and var minUsed)
        {
            var period = meter.PeriodAt(clock.GetUtcNow().UtcDateTime);
            var counters = db.UsageCounters.IgnoreQueryFilters();
            organizations = organizations.Where(o => counters.Any(c => c.OrganizationId == o.Id && c.Meter == meter && c.Period == period && c.Used >= minUsed));
        }

        var page = await organizations
            .OrderByDescending(o => o.CreatedAt)
            .ThenByDescending(o => o.Id)
            .ToPageAsync(query, cancellationToken);
        var items = await OrganizationOverviews.DescribeAsync(db, plans, page.Items, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new PagedResult<AdminOrganizationDto>(items, page.Page, page.PageSize, page.Total);
    }
}
