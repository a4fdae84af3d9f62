using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Common;

/// <summary>Reads shared by the user and the public job routes, which differ only in who may ask.</summary>
internal static class JobReads
{
    /// <summary>The job as answered, confined to the caller's organization by the tenant filter; otherwise 404.</summary>
    public static async Task<JobDto> JobAsync(IApplicationDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken)
            ?? throw JobErrors.JobNotFound(id);
        return JobDto.From(job);
    }
}
