using CXGear.Domain.Projects;

namespace CXGear.Application.Projects.Common;

public sealed record ProjectDto(Guid Id, string Name, string Type, Guid CreatedByUserId, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ProjectDto From(Project project) =>
        new(project.Id, project.Name, ProjectTypes.ToWire(project.Type), project.CreatedByUserId, project.CreatedAt, project.UpdatedAt);
}
