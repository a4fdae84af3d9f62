using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.GetRecord;

/// <summary>
/// <c>GET /records/{id}</c>: one record as the lists show it (payload, outputs, disposition, error, job, spinner and
/// version, times, duration). Outputs and errors are stored already scrubbed of vault values.
/// </summary>
public sealed record GetRecordQuery(Guid Id) : IQuery<JobRecordDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class GetRecordHandler(IApplicationDbContext db) : IQueryHandler<GetRecordQuery, JobRecordDto>
{
    public async ValueTask<JobRecordDto> Handle(GetRecordQuery query, CancellationToken cancellationToken) =>
        await db.RecordsOf(db.Jobs)
            .Where(row => row.Record.Id == query.Id)
            .Select(JobRecordDto.Projection)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw JobErrors.RecordNotFound(query.Id);
}
