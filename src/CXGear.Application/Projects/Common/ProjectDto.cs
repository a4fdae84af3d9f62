using System.Linq.Expressions;
using CXGear.Domain.Projects;

namespace CXGear.Application.Projects.Common;

public sealed record ProjectDto(Guid Id, string Name, string Type, Guid CreatedByUserId, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>The one mapping: lists select with it, single reads compile it.</summary>
    public static readonly Expression<Func<Project, ProjectDto>> Projection = project =>
        new ProjectDto(project.Id, project.Name, ProjectTypes.ToWire(project.Type), project.CreatedByUserId, project.CreatedAt, project.UpdatedAt);

    private static readonly Func<Project, ProjectDto> Compiled = Projection.Compile();

    public static ProjectDto From(Project project) => Compiled(project);
}
