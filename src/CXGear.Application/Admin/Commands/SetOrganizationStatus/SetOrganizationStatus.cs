using CXGear.Application.Admin.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.SetOrganizationStatus;

/// <summary>
/// Suspends (<c>suspended</c>, reason required) or reactivates (<c>active</c>) an organization. Takes effect on the
/// next request everywhere: the per-request credential checks read the organization's row, nothing is cached. Sessions,
/// keys, tokens and queued jobs are kept, so a reactivation restores everything as it was
/// (docs/decisions/0033-organization-suspension.md). Audited in the organization with the reason.
/// </summary>
public sealed record SetOrganizationStatusCommand(Guid OrganizationId, string Status, string? Reason) : ICommand<AdminOrganizationDto>, IRequireOperator;

public sealed class SetOrganizationStatusHandler(IApplicationDbContext db, PlanCatalog plans, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SetOrganizationStatusCommand, AdminOrganizationDto>
{
    public async ValueTask<AdminOrganizationDto> Handle(SetOrganizationStatusCommand command, CancellationToken cancellationToken)
    {
        if (!OrganizationStatuses.TryParse(command.Status, out var status))
        {
            throw new InvalidOperationException("The validator lets only statuses through.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organization = await OrganizationOverviews.Customers(db).FirstOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken)
            ?? throw OrganizationOverviews.NotFound();
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        var changed = status == OrganizationStatus.Suspended
            ? organization.Suspend(reason ?? string.Empty, now)
            : organization.Reactivate();
        if (changed)
        {
            audit.Record(
                status == OrganizationStatus.Suspended ? AuditEventTypes.OrganizationSuspended : AuditEventTypes.OrganizationReactivated,
                new { reason },
                organization.Id);
            await db.SaveChangesAsync(cancellationToken);
        }

        var described = await OrganizationOverviews.DescribeAsync(db, plans, [organization], now, cancellationToken);
        return described[0];
    }
}
