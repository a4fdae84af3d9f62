using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.ListJobRecords;

/// <summary>
/// <c>GET /jobs/{id}/records</c>: by sequence. Records are numbered 1..N without gaps, so page n is the key range
/// <c>(n-1)·size &lt; Sequence ≤ n·size</c> on the (job, sequence) index, and the total is the job's count.
/// </summary>
public sealed record ListJobRecordsQuery(Guid Id, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<JobRecordDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class ListJobRecordsHandler(IApplicationDbContext db) : IQueryHandler<ListJobRecordsQuery, PagedResult<JobRecordDto>>
{
    public async ValueTask<PagedResult<JobRecordDto>> Handle(ListJobRecordsQuery query, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.Where(j => j.Id == query.Id).Select(j => new { j.Id, j.TotalRecords }).FirstOrDefaultAsync(cancellationToken)
            ?? throw JobErrors.JobNotFound(query.Id);
        var after = query.Offset();
        var records = await db.RecordsOf(db.Jobs.Where(j => j.Id == job.Id))
            .Where(row => row.Record.Sequence > after)
            .OrderBy(row => row.Record.Sequence)
            .Take(query.PageSize)
            .Select(JobRecordDto.Projection)
            .ToListAsync(cancellationToken);
        return new PagedResult<JobRecordDto>(records, query.Page, query.PageSize, job.TotalRecords);
    }
}
