using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Users.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Users.Queries.ListUsers;

/// <summary>The organization's users with who is online. <c>search</c> matches name or email; <c>status</c> is <c>active</c> or <c>disabled</c>.</summary>
public sealed record ListUsersQuery(int Page = 1, int PageSize = Paging.DefaultPageSize, string? Search = null, string? Status = null)
    : IQuery<PagedResult<UserDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.UsersManage;
}

public sealed class ListUsersHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<ListUsersQuery, PagedResult<UserDto>>
{
    public async ValueTask<PagedResult<UserDto>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Lower-casing both sides is case-insensitive on every provider (PostgreSQL's LIKE is case-sensitive,
            // SQLite's is not); the term's own wildcards are escaped.
            var pattern = "%" + EscapeLike(query.Search.Trim().ToLowerInvariant()) + "%";
            users = users.Where(u => EF.Functions.Like(u.FullName.ToLower(), pattern, "\\") || EF.Functions.Like(u.Email.ToLower(), pattern, "\\"));
        }

        if (UserStatuses.FromWire(query.Status) is { } status)
        {
            users = users.Where(u => u.Status == status);
        }

        var page = await users.OrderBy(u => u.FullName).ThenBy(u => u.Id).ToPageAsync(query, cancellationToken);
        var items = await db.ToDtosAsync(page.Items, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new PagedResult<UserDto>(items, page.Page, page.PageSize, page.Total);
    }

    private static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);
}
