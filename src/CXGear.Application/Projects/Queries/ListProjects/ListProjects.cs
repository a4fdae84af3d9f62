using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Projects.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Projects.Queries.ListProjects;

/// <summary>The organization's projects, newest first; optionally one type, or names containing <see cref="Search"/>.</summary>
public sealed record ListProjectsQuery(int Page = 1, int PageSize = Paging.DefaultPageSize, string? Type = null, string? Search = null)
    : IQuery<PagedResult<ProjectDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class ListProjectsHandler(IApplicationDbContext db) : IQueryHandler<ListProjectsQuery, PagedResult<ProjectDto>>
{
    public async ValueTask<PagedResult<ProjectDto>> Handle(ListProjectsQuery query, CancellationToken cancellationToken)
    {
        var projects = db.Projects.AsQueryable();
        if (query.Type is not null)
        {
            var type = ProjectTypes.Parse(query.Type);
            projects = projects.Where(p => p.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Lower-cased on both sides so the match is case-insensitive on SQLite and SQL Server alike.
            var term = query.Search.Trim().ToLowerInvariant();
            projects = projects.Where(p => p.Name.ToLower().Contains(term));
        }

        return await projects
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(ProjectDto.Projection)
            .ToPageAsync(query, cancellationToken);
    }
}
