using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Audit;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Common.Auditing;

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

/// <summary>The filters both trails take: one type, one actor, a time window (<c>From</c> inclusive, <c>To</c> exclusive).</summary>
public interface IAuditFilter : IPagedRequest
{
    string? Type { get; }
    Guid? ActorUserId { get; }
    DateTime? From { get; }
    DateTime? To { get; }
}

/// <summary>Reads a page of a trail, for operators (every organization) and for an organization's own Admins alike.</summary>
public static class AuditTrail
{
    public static async Task<PagedResult<AuditEventDto>> PageAsync(
        IApplicationDbContext db, IQueryable<AuditEvent> events, IAuditFilter filter, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(filter.Type))
        {
            events = events.Where(e => e.Type == filter.Type);
        }

        if (filter.ActorUserId is { } actorId)
        {
            events = events.Where(e => e.ActorUserId == actorId);
        }

        if (filter.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        var page = await events.AsNoTracking().OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToPageAsync(filter, cancellationToken);

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

    /// <summary>Paging, a known type (a typo deserves a 400 listing the real ones) and a window that is not empty.</summary>
    public static void AddAuditFilterRules<T>(this AbstractValidator<T> validator)
        where T : IAuditFilter
    {
        validator.AddPagingRules();
        validator.RuleFor(x => x.Type)
            .Must(t => string.IsNullOrEmpty(t) || AuditEventTypes.IsKnown(t))
            .WithMessage($"type is one of {string.Join(", ", AuditEventTypes.All)}.");
        validator.RuleFor(x => x.To)
            .GreaterThan(x => x.From)
            .When(x => x.From is not null && x.To is not null)
            .WithMessage("to must be later than from.");
    }
}
