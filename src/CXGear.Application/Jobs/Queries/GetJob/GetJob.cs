using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Authorization;
using FluentValidation;
using Mediator;

namespace CXGear.Application.Jobs.Queries.GetJob;

/// <summary><c>GET /jobs/{id}</c>.</summary>
public sealed record GetJobQuery(Guid Id) : IQuery<JobDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class GetJobHandler(IApplicationDbContext db) : IQueryHandler<GetJobQuery, JobDto>
{
    public async ValueTask<JobDto> Handle(GetJobQuery query, CancellationToken cancellationToken) =>
        await JobReads.JobAsync(db, query.Id, cancellationToken);
}
