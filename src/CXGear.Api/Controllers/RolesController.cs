using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Roles.Commands.CreateRole;
using CXGear.Application.Roles.Commands.DeleteRole;
using CXGear.Application.Roles.Commands.UpdateRole;
using CXGear.Application.Roles.Common;
using CXGear.Application.Roles.Queries.ListPermissions;
using CXGear.Application.Roles.Queries.GetRole;
using CXGear.Application.Roles.Queries.ListRoles;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The permission catalog and the organization's roles (system roles are read-only).</summary>
[Authorize]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class RolesController(ISender sender) : ApiControllerBase
{
    /// <summary>Every permission key a custom role can grant, with what it allows. Any member may read it.</summary>
    [HttpGet("permissions")]
    [ProducesResponseType<PagedResult<PermissionDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<PermissionDto>>> GetPermissions(
        [FromQuery] int page = 1, [FromQuery] int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListPermissionsQuery(page, pageSize), cancellationToken);

    /// <summary>System roles, then the organization's custom roles, with how many users hold each. Any member may read it.</summary>
    [HttpGet("roles")]
    [ProducesResponseType<PagedResult<RoleDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<RoleDto>>> GetRoles(
        [FromQuery] int page = 1, [FromQuery] int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListRolesQuery(page, pageSize), cancellationToken);

    /// <summary>One role: a system role or one of the organization's. Any member may read it.</summary>
    [HttpGet("roles/{id:guid}")]
    [ProducesResponseType<RoleDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RoleDto>> GetRole(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRoleQuery(id), cancellationToken);

    /// <summary>Extends a system role as a new custom role (<c>roles.manage</c>). Permissions default to the base role's.</summary>
    [HttpPost("roles")]
    [ProducesErrors(ErrorCodes.NotFound, ErrorCodes.Conflict)]
    [ProducesResponseType<RoleDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<RoleDto>> Create(CreateRoleRequest request, CancellationToken cancellationToken)
    {
        var role = await sender.Send(new CreateRoleCommand(request.Name, request.BasedOnRoleId ?? Guid.Empty, request.Permissions), cancellationToken);
        return Created($"/api/v1/roles/{role.Id}", role);
    }

    /// <summary>Renames a custom role and/or replaces its permissions (<c>roles.manage</c>). System roles answer 409.</summary>
    [HttpPatch("roles/{id:guid}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<RoleDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RoleDto>> Update(Guid id, UpdateRoleRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateRoleCommand(id, request.Name, request.Permissions), cancellationToken);

    /// <summary>Deletes a custom role no user holds (<c>roles.manage</c>).</summary>
    [HttpDelete("roles/{id:guid}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteRoleCommand(id), cancellationToken);
        return NoContent();
    }
}

public sealed record CreateRoleRequest(string Name, Guid? BasedOnRoleId, IReadOnlyList<string>? Permissions);

public sealed record UpdateRoleRequest(string? Name, IReadOnlyList<string>? Permissions);
