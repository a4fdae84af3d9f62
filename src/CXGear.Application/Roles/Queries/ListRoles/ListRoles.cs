using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Roles.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Roles.Queries.ListRoles;

/// <summary>
/// System roles first, then the organization's own by name. Any member may list roles, not only
/// <c>roles.manage</c> holders: people who invite users pick roles from this list.
/// </summary>
public sealed record ListRolesQuery(int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<PagedResult<RoleDto>>, IRequireUser, IPagedRequest;

public sealed class ListRolesHandler(IApplicationDbContext db) : IQueryHandler<ListRolesQuery, PagedResult<RoleDto>>
{
    public async ValueTask<PagedResult<RoleDto>> Handle(ListRolesQuery query, CancellationToken cancellationToken)
    {
        var page = await db.Roles.AsNoTracking()
            .OrderByDescending(r => r.IsSystem)
            .ThenBy(r => r.Name)
            .ThenBy(r => r.Id)
            .ToPageAsync(query, cancellationToken);
        var counts = await db.CountHoldersAsync(page.Items.Select(r => r.Id).ToList(), cancellationToken);
        return page.Map(r => RoleDto.From(r, counts.GetValueOrDefault(r.Id)));
    }
}
