using CXGear.Application.Admin.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.ChangeOrganizationPlan;

/// <summary>The body of <c>PUT /admin/organizations/{id}/plan</c>.</summary>
public sealed record ChangeOrganizationPlanRequest(string Plan);

/// <summary>
/// Moves an organization to another plan. The new limits apply from the next metered action; usage already
/// over a lower limit stays (nothing is deleted), it only stops growing.
/// </summary>
public sealed record ChangeOrganizationPlanCommand(Guid OrganizationId, string Plan) : ICommand<AdminOrganizationDto>, IRequireOperator;

public sealed class ChangeOrganizationPlanHandler(IApplicationDbContext db, PlanCatalog plans, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ChangeOrganizationPlanCommand, AdminOrganizationDto>
{
    public async ValueTask<AdminOrganizationDto> Handle(ChangeOrganizationPlanCommand command, CancellationToken cancellationToken)
    {
        if (!PlanIds.TryParse(command.Plan, out var plan))
        {
            throw new InvalidOperationException("The validator lets only plan ids through.");
        }

        var organization = await OrganizationOverviews.Customers(db).FirstOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken)
            ?? throw OrganizationOverviews.NotFound();
        var from = organization.Plan;
        if (from != plan)
        {
            organization.ChangePlan(plan);

            // Filed under the organization whose plan changed; the actor is the operator (the caller).
            audit.Record(AuditEventTypes.PlanChanged, new { from = from.Id(), to = plan.Id() }, organization.Id);
            await db.SaveChangesAsync(cancellationToken);
        }

        var described = await OrganizationOverviews.DescribeAsync(db, plans, [organization], clock.GetUtcNow().UtcDateTime, cancellationToken);
        return described[0];
    }
}
