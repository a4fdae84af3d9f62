using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Projects.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Projects.Commands.UpdateProject;

/// <summary>Renames a project. The type is fixed at creation; asking to change it is a validation error, not a silent no-op.</summary>
public sealed record UpdateProjectCommand(Guid Id, string? Name, string? Type) : ICommand<ProjectDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class UpdateProjectHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<UpdateProjectCommand, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(UpdateProjectCommand command, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw ProjectNotFound.Error(command.Id);
        if (command.Type is not null && ProjectTypes.Parse(command.Type) != project.Type)
        {
            var error = new CXGearException(ErrorCodes.ValidationError, "A project's type cannot change; create a new project instead.");
            error.Extensions["errors"] = new Dictionary<string, string[]> { ["type"] = ["A project's type cannot change."] };
            throw error;
        }

        if (command.Name is not null)
        {
            project.Rename(command.Name, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return ProjectDto.From(project);
    }
}
