using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries;

/// <summary><c>GET /projects/{projectId}/jobs</c>: newest first.</summary>
public sealed record ListJobsQuery(Guid ProjectId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<JobDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class ListJobsHandler(IApplicationDbContext db) : IQueryHandler<ListJobsQuery, PagedResult<JobDto>>
{
    public async ValueTask<PagedResult<JobDto>> Handle(ListJobsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {query.ProjectId} was not found.");
        }

        var page = await db.Jobs.AsNoTracking()
            .Where(j => j.ProjectId == query.ProjectId)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .ToPageAsync(query, cancellationToken);
        return page.Map(JobDto.From);
    }
}

public sealed class ListJobsValidator : AbstractValidator<ListJobsQuery>
{
    public ListJobsValidator() => this.AddPagingRules();
}

/// <summary><c>GET /jobs/{id}</c>.</summary>
public sealed record GetJobQuery(Guid Id) : IQuery<JobDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class GetJobHandler(IApplicationDbContext db) : IQueryHandler<GetJobQuery, JobDto>
{
    public async ValueTask<JobDto> Handle(GetJobQuery query, CancellationToken cancellationToken) =>
        await JobReads.JobAsync(db, query.Id, cancellationToken);
}

/// <summary>
/// <c>GET /jobs/{id}/records</c>: by sequence. Records are numbered 1..N without gaps, so page n is the key range
/// <c>(n-1)·size &lt; Sequence ≤ n·size</c> on the (job, sequence) index, and the total is the job's count.
/// </summary>
public sealed record ListJobRecordsQuery(Guid Id, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<JobRecordDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class ListJobRecordsHandler(IApplicationDbContext db) : IQueryHandler<ListJobRecordsQuery, PagedResult<JobRecordDto>>
{
    public async ValueTask<PagedResult<JobRecordDto>> Handle(ListJobRecordsQuery query, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == query.Id, cancellationToken)
            ?? throw JobErrors.JobNotFound(query.Id);
        long after = (long)(query.Page - 1) * query.PageSize;
        var records = await db.JobRecords.AsNoTracking()
            .Where(r => r.JobId == job.Id && r.Sequence > after)
            .OrderBy(r => r.Sequence)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<JobRecordDto>(records.Select(JobRecordDto.From).ToList(), query.Page, query.PageSize, job.TotalRecords);
    }
}

public sealed class ListJobRecordsValidator : AbstractValidator<ListJobRecordsQuery>
{
    public ListJobRecordsValidator() => this.AddPagingRules();
}

/// <summary><c>GET /records/{id}/journey</c>: one record's step events in order (none while it is pending).</summary>
public sealed record GetRecordJourneyQuery(Guid Id) : IQuery<RecordJourneyDto>, IRequirePermission
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class GetRecordJourneyHandler(IApplicationDbContext db) : IQueryHandler<GetRecordJourneyQuery, RecordJourneyDto>
{
    public async ValueTask<RecordJourneyDto> Handle(GetRecordJourneyQuery query, CancellationToken cancellationToken)
    {
        var record = await db.JobRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, cancellationToken)
            ?? throw JobErrors.RecordNotFound(query.Id);
        var events = await db.RecordEvents.AsNoTracking()
            .Where(e => e.RecordId == record.Id)
            .OrderBy(e => e.Index)
            .ToListAsync(cancellationToken);
        return new RecordJourneyDto(record.Id, record.JobId, JobDto.Name(record.Status), events.Select(RecordEventDto.From).ToList());
    }
}
