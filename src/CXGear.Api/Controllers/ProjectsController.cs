using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Projects.Commands.DeleteProject;
using CXGear.Application.Projects.Commands.UpdateProject;
using CXGear.Application.Projects.Common;
using CXGear.Application.Projects.Queries.GetProject;
using CXGear.Application.Projects.Queries.ListProjects;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>Projects: one workspace per campaign or client. Creating one takes a unit of the Projects meter.</summary>
[Authorize]
[Route("api/v1/projects")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class ProjectsController(ISender sender) : ApiControllerBase
{
    /// <summary>The organization's projects, newest first (<c>projects.read</c>).</summary>
    [HttpGet]
    [ProducesResponseType<PagedResult<ProjectDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<ProjectDto>>> List(
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        [FromQuery] string? type = null,
        [FromQuery] string? search = null,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListProjectsQuery(page, pageSize, type, search), cancellationToken);

    /// <summary>Creates a project (<c>projects.write</c>); 403 PLAN_LIMIT when the Projects meter is full.</summary>
    [HttpPost]
    [ProducesErrors(ErrorCodes.PlanLimit)]
    [ProducesResponseType<ProjectDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<ProjectDto>> Create(CreateProjectRequest request, CancellationToken cancellationToken)
    {
        var project = await sender.Send(new CreateProjectCommand(request.Name, request.Type), cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = project.Id }, project);
    }

    /// <summary>One project (<c>projects.read</c>); another organization's id is 404.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<ProjectDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProjectDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetProjectQuery(id), cancellationToken);

    /// <summary>Renames a project (<c>projects.write</c>). The type cannot change.</summary>
    [HttpPatch("{id:guid}")]
    [ProducesResponseType<ProjectDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProjectDto>> Update(Guid id, UpdateProjectRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateProjectCommand(id, request.Name, request.Type), cancellationToken);

    /// <summary>Deletes a project (<c>projects.write</c>) and frees its unit of the Projects meter.</summary>
    [HttpDelete("{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteProjectCommand(id), cancellationToken);
        return NoContent();
    }
}

/// <summary>A new project: its name and its type, <c>outreach</c> or <c>call_analyzer</c> (the type cannot change later).</summary>
public sealed record CreateProjectRequest(string Name, string Type);

/// <summary>PATCH body: only what is present changes.</summary>
public sealed record UpdateProjectRequest(string? Name, string? Type);
