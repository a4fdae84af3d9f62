using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Common;

/// <summary>
/// The joins every job and record read shares (a job names its spinner by id only), and the reads the user and the
/// public job routes share, which differ only in who may ask. Each set keeps its tenant filter, so another
/// organization's job or record is not found.
/// </summary>
internal static class JobReads
{
    /// <summary>The jobs with their spinner's name; an archived spinner keeps its row, so every job has one.</summary>
    public static IQueryable<JobRow> WithSpinnerNames(this IApplicationDbContext db, IQueryable<Job> jobs) =>
        jobs.Join(db.Spinners, j => j.SpinnerId, s => s.Id, (j, s) => new JobRow { Job = j, SpinnerName = s.Name });

    /// <summary>
    /// The jobs' records, each with its job and its spinner's name. The inner join to <paramref name="jobs"/> (tenant
    /// filtered) confines the records, so their own through-the-job filter is set aside rather than run per row.
    /// </summary>
    public static IQueryable<RecordRow> RecordsOf(this IApplicationDbContext db, IQueryable<Job> jobs) =>
        from job in jobs
        join record in db.JobRecords.IgnoreQueryFilters([QueryFilters.RecordsThroughJob]) on job.Id equals record.JobId
        join spinner in db.Spinners on job.SpinnerId equals spinner.Id
        select new RecordRow { Record = record, Job = job, SpinnerName = spinner.Name };

    /// <summary>The job as answered, confined to the caller's organization by the tenant filter; otherwise 404.</summary>
    public static async Task<JobDto> JobAsync(IApplicationDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.WithSpinnerNames(db.Jobs.Where(j => j.Id == id)).Select(JobDto.Projection).FirstOrDefaultAsync(cancellationToken)
            ?? throw JobErrors.JobNotFound(id);
}
