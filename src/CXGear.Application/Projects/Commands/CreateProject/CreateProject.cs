using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Domain.Audit;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Projects.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Projects;
using Mediator;

namespace CXGear.Application.Projects.Commands.CreateProject;

/// <summary>Creates a project; it takes a unit of the Projects meter.</summary>
/// <remarks>The project holds the unit (<see cref="Domain.Billing.IHoldsMeterUnits"/>), counted when the unit of work saves it.</remarks>
public sealed record CreateProjectCommand(string Name, string Type) : ICommand<ProjectDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class CreateProjectHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateProjectCommand, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(CreateProjectCommand command, CancellationToken cancellationToken)
    {
        var project = Project.Create(
            principal.OrganizationId!.Value,
            command.Name,
            ProjectTypes.Parse(command.Type),
            principal.UserId!.Value,
            clock.GetUtcNow().UtcDateTime);
        db.Projects.Add(project);
        audit.Record(AuditEventTypes.ProjectCreated, new { projectId = project.Id, project.Name });
        await db.SaveChangesAsync(cancellationToken);
        return ProjectDto.From(project);
    }
}
