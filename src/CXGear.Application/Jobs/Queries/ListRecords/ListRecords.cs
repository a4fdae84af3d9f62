using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.ListRecords;

/// <summary>
/// <c>GET /projects/{projectId}/records</c>: the project's records across its jobs, newest first (by their job's
/// creation, then by sequence within a job). A record is created with its job, so <c>from</c> (inclusive) and
/// <c>to</c> (exclusive) bound the job's <c>createdAt</c>.
/// </summary>
/// <remarks>
/// Records carry no project or time column (decisions/0032): the job filters (project, job, spinner, window) narrow
/// the project's jobs on the (organization, project, created) index, and each job's records are a range of the
/// (job, sequence) index. Without a record filter the total is the jobs' record counts added up, so a page never counts
/// a million rows; with <c>status</c> or <c>disposition</c> the matching records are counted.
/// </remarks>
public sealed record ListRecordsQuery(
    Guid ProjectId,
    Guid? JobId = null,
    Guid? SpinnerId = null,
    string? Status = null,
    string? Disposition = null,
    DateTime? From = null,
    DateTime? To = null,
    int Page = 1,
    int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<JobRecordDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class ListRecordsHandler(IApplicationDbContext db) : IQueryHandler<ListRecordsQuery, PagedResult<JobRecordDto>>
{
    public async ValueTask<PagedResult<JobRecordDto>> Handle(ListRecordsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {query.ProjectId} was not found.");
        }

        var jobs = db.Jobs.Where(j => j.ProjectId == query.ProjectId);
        if (query.JobId is { } jobId)
        {
            jobs = jobs.Where(j => j.Id == jobId);
        }

        if (query.SpinnerId is { } spinnerId)
        {
            jobs = jobs.Where(j => j.SpinnerId == spinnerId);
        }

        if (query.From is { } from)
        {
            jobs = jobs.Where(j => j.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            jobs = jobs.Where(j => j.CreatedAt < to);
        }

        var rows = db.RecordsOf(jobs);
        var status = RecordStatuses.Parse(query.Status);
        if (status is null && string.IsNullOrEmpty(query.Disposition))
        {
            return await PageByJobsAsync(jobs, rows, query, cancellationToken);
        }

        if (status is { } wanted)
        {
            rows = rows.Where(row => row.Record.Status == wanted);
        }

        if (!string.IsNullOrEmpty(query.Disposition))
        {
            rows = rows.Where(row => row.Record.Disposition == query.Disposition);
        }

        return await Newest(rows).Select(JobRecordDto.Projection).ToPageAsync(query, cancellationToken);
    }

    private static IOrderedQueryable<RecordRow> Newest(IQueryable<RecordRow> rows) =>
        rows.OrderByDescending(row => row.Job.CreatedAt).ThenByDescending(row => row.Job.Id).ThenBy(row => row.Record.Sequence);

    /// <summary>
    /// Without a record filter a job's records are exactly 1..TotalRecords, so the page is found from the jobs alone:
    /// skip whole jobs by their counts, then read only the page's records by (job, sequence). Any page costs one read of
    /// the matching jobs' counts and one of at most a page of records, however deep it is.
    /// </summary>
    private static async Task<PagedResult<JobRecordDto>> PageByJobsAsync(
        IQueryable<Job> jobs, IQueryable<RecordRow> rows, ListRecordsQuery query, CancellationToken cancellationToken)
    {
        var counts = await jobs
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Select(j => new { j.Id, j.TotalRecords })
            .ToListAsync(cancellationToken);
        var total = counts.Sum(j => j.TotalRecords);
        var skip = query.Offset();
        var onPage = new List<Guid>();
        long skipInFirst = 0;
        long covered = 0;
        long lastUpTo = 0;
        foreach (var job in counts)
        {
            if (onPage.Count == 0)
            {
                if (skip >= job.TotalRecords)
                {
                    skip -= job.TotalRecords;
                    continue;
                }

                skipInFirst = skip;
                covered = -skip;
            }

            onPage.Add(job.Id);
            covered += job.TotalRecords;
            lastUpTo = job.TotalRecords;
            if (covered >= query.PageSize)
            {
                lastUpTo -= covered - query.PageSize;
                break;
            }
        }

        if (onPage.Count == 0)
        {
            return new PagedResult<JobRecordDto>([], query.Page, query.PageSize, total);
        }

        // Whole jobs in between; the first from after the skipped part, the last up to what the page still needs.
        var (first, last) = (onPage[0], onPage[^1]);
        var items = await Newest(rows.Where(row => onPage.Contains(row.Job.Id)
                && (row.Job.Id != first || row.Record.Sequence > skipInFirst)
                && (row.Job.Id != last || row.Record.Sequence <= lastUpTo)))
            .Take(query.PageSize)
            .Select(JobRecordDto.Projection)
            .ToListAsync(cancellationToken);
        return new PagedResult<JobRecordDto>(items, query.Page, query.PageSize, total);
    }
}

/// <summary>The record statuses a client may filter by, as the reads name them.</summary>
internal static class RecordStatuses
{
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<JobRecordStatus>().Select(JobDto.Name).ToList();

    public static JobRecordStatus? Parse(string? name) =>
        Enum.TryParse<JobRecordStatus>(name, ignoreCase: true, out var status) && Names.Contains(name!.ToLowerInvariant()) ? status : null;
}
