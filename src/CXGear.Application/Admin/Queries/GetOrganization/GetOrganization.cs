using CXGear.Application.Admin.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Billing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Queries.GetOrganization;

public sealed record GetOrganizationQuery(Guid Id) : IQuery<AdminOrganizationDto>, IRequireOperator;

public sealed class GetOrganizationHandler(IApplicationDbContext db, PlanCatalog plans, TimeProvider clock)
    : IQueryHandler<GetOrganizationQuery, AdminOrganizationDto>
{
    public async ValueTask<AdminOrganizationDto> Handle(GetOrganizationQuery query, CancellationToken cancellationToken)
    {
        var organization = await OrganizationOverviews.Customers(db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.Id, cancellationToken)
            ?? throw OrganizationOverviews.NotFound();
        var described = await OrganizationOverviews.DescribeAsync(db, plans, [organization], clock.GetUtcNow().UtcDateTime, cancellationToken);
        return described[0];
    }
}
