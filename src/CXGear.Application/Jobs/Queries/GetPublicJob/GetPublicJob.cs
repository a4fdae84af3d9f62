using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.ApiKeys;
using Mediator;

namespace CXGear.Application.Jobs.Queries.GetPublicJob;

/// <summary>
/// <c>GET /public/jobs/{id}</c> with a <c>trigger</c> key: a job's status and counts, so whoever triggered it can
/// follow it to the end. The same <see cref="JobDto"/> as the user route; another organization's job is a 404.
/// </summary>
public sealed record GetPublicJobQuery(Guid JobId) : IQuery<JobDto>, IRequireScope
{
    public string Scope => ApiKeyScopes.Trigger;
}

public sealed class GetPublicJobHandler(IApplicationDbContext db) : IQueryHandler<GetPublicJobQuery, JobDto>
{
    public async ValueTask<JobDto> Handle(GetPublicJobQuery query, CancellationToken cancellationToken) =>
        await JobReads.JobAsync(db, query.JobId, cancellationToken);
}
