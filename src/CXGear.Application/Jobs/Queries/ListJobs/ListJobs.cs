using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.ListJobs;

/// <summary><c>GET /projects/{projectId}/jobs</c>: newest first.</summary>
public sealed record ListJobsQuery(Guid ProjectId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<JobDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class ListJobsHandler(IApplicationDbContext db) : IQueryHandler<ListJobsQuery, PagedResult<JobDto>>
{
    public async ValueTask<PagedResult<JobDto>> Handle(ListJobsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {query.ProjectId} was not found.");
        }

        return await db.WithSpinnerNames(db.Jobs.Where(j => j.ProjectId == query.ProjectId))
            .OrderByDescending(row => row.Job.CreatedAt).ThenByDescending(row => row.Job.Id)
            .Select(JobDto.Projection)
            .ToPageAsync(query, cancellationToken);
    }
}
