using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.ListDataTables;

/// <summary>A project's tables, newest first. An unknown project (or another organization's) is 404, not an empty list.</summary>
public sealed record ListDataTablesQuery(Guid ProjectId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<DataTableDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class ListDataTablesHandler(IApplicationDbContext db) : IQueryHandler<ListDataTablesQuery, PagedResult<DataTableDto>>
{
    public async ValueTask<PagedResult<DataTableDto>> Handle(ListDataTablesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {query.ProjectId} was not found.");
        }

        return await db.DataTables
            .Where(t => t.ProjectId == query.ProjectId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(DataTableDto.Projection)
            .ToPageAsync(query, cancellationToken);
    }
}
