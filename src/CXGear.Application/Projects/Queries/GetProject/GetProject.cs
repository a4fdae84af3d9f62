using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Projects.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Projects.Queries.GetProject;

public sealed record GetProjectQuery(Guid Id) : IQuery<ProjectDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class GetProjectHandler(IApplicationDbContext db) : IQueryHandler<GetProjectQuery, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(GetProjectQuery query, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw ProjectNotFound.Error(query.Id);
        return ProjectDto.From(project);
    }
}
