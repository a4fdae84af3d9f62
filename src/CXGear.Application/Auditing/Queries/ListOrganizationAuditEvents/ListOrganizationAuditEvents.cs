using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Authorization;
using Mediator;

namespace CXGear.Application.Auditing.Queries.ListOrganizationAuditEvents;

/// <summary>
/// <c>GET /audit-events</c>: the caller's organization's own trail, newest first, for its Admins: the contract asks
/// for <c>users.manage</c> and <c>roles.manage</c> together (the pipeline checks the first, the handler the second).
/// Events with no organization (an operator's sign-in) and other organizations' never appear.
/// </summary>
public sealed record ListOrganizationAuditEventsQuery(
    string? Type,
    Guid? ActorUserId,
    DateTime? From,
    DateTime? To,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize) : IQuery<PagedResult<AuditEventDto>>, IRequirePermission, IAuditFilter
{
    public string Permission => Permissions.UsersManage;
}

public sealed class ListOrganizationAuditEventsHandler(IApplicationDbContext db, ICurrentPrincipal principal, IPermissionReader permissions)
    : IQueryHandler<ListOrganizationAuditEventsQuery, PagedResult<AuditEventDto>>
{
    public async ValueTask<PagedResult<AuditEventDto>> Handle(ListOrganizationAuditEventsQuery query, CancellationToken cancellationToken)
    {
        await permissions.EnsureHeldAsync(principal, Permissions.RolesManage, cancellationToken);

        // The set is confined to the caller's organization by its query filter.
        return await AuditTrail.PageAsync(db, db.AuditEvents, query, cancellationToken);
    }
}
