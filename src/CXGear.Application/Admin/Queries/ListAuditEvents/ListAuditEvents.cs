using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Queries.ListAuditEvents;

/// <summary>The audit trail across every organization, newest first. <c>From</c> is inclusive, <c>To</c> exclusive.</summary>
public sealed record ListAuditEventsQuery(
    Guid? OrganizationId,
    string? Type,
    DateTime? From,
    DateTime? To,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize,
    Guid? ActorUserId = null) : IQuery<PagedResult<AuditEventDto>>, IRequireOperator, IAuditFilter;

public sealed class ListAuditEventsHandler(IApplicationDbContext db) : IQueryHandler<ListAuditEventsQuery, PagedResult<AuditEventDto>>
{
    public async ValueTask<PagedResult<AuditEventDto>> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        // Operators read the whole trail: crossing organizations is the point of this query.
        var events = db.AuditEvents.IgnoreQueryFilters();
        if (query.OrganizationId is { } organizationId)
        {
            events = events.Where(e => e.OrganizationId == organizationId);
        }

        return await AuditTrail.PageAsync(db, events, query, cancellationToken);
    }
}
