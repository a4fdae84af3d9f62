using System.Text.Json;
using CXGear.Application.Common.Abstractions;
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
    int PageSize = Paging.DefaultPageSize) : IQuery<PagedResult<AuditEventDto>>, IRequireOperator, IPagedRequest;

/// <summary><c>Data</c> is the event's JSON object itself, not a string holding it.</summary>
public sealed record AuditEventDto(
    Guid Id,
    string Type,
    Guid? OrganizationId,
    Guid? ActorUserId,
    string? ActorEmail,
    DateTime OccurredAt,
    string? IpAddress,
    JsonElement Data);

public sealed class ListAuditEventsHandler(IApplicationDbContext db) : IQueryHandler<ListAuditEventsQuery, PagedResult<AuditEventDto>>
{
    public async ValueTask<PagedResult<AuditEventDto>> Handle(ListAuditEventsQuery query, CancellationToken cancellationToken)
    {
        // Operators read the whole trail: crossing organizations is the point of this query.
        var events = db.AuditEvents.IgnoreQueryFilters().AsNoTracking();
        if (query.OrganizationId is { } organizationId)
        {
            events = events.Where(e => e.OrganizationId == organizationId);
        }

        if (!string.IsNullOrEmpty(query.Type))
        {
            events = events.Where(e => e.Type == query.Type);
        }

        if (query.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        var page = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToPageAsync(query, cancellationToken);

        // The trail has no foreign keys (it outlives users), so the actor's email is looked up, and may be gone.
        var actorIds = page.Items.Where(e => e.ActorUserId is not null).Select(e => e.ActorUserId!.Value).Distinct().ToList();
        var emails = await db.Users.IgnoreQueryFilters()
            .Where(u => actorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);

        return page.Map(e => new AuditEventDto(
            e.Id,
            e.Type,
            e.OrganizationId,
            e.ActorUserId,
            e.ActorUserId is { } actor ? emails.GetValueOrDefault(actor) : null,
            e.OccurredAt,
            e.IpAddress,
            AuditData.Parse(e.Data)));
    }
}
