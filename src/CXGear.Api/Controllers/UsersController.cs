using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Users.Commands.InviteUser;
using CXGear.Application.Users.Commands.UpdateUser;
using CXGear.Application.Users.Common;
using CXGear.Application.Users.Queries.GetUser;
using CXGear.Application.Users.Queries.ListUsers;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The organization's users, who is online, invites, roles and status (<c>users.manage</c>).</summary>
[Authorize]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class UsersController(ISender sender) : ApiControllerBase
{
    /// <summary>Lists users by name. <c>search</c> matches name or email; <c>status</c> is <c>active</c> or <c>disabled</c>.</summary>
    [HttpGet("users")]
    [ProducesResponseType<PagedResult<UserDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<UserDto>>> List(
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        [FromQuery] string? search = null,
        [FromQuery] string? status = null,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListUsersQuery(page, pageSize, search, status), cancellationToken);

    /// <summary>One user of the organization, with roles, status and whether they are online.</summary>
    [HttpGet("users/{id:guid}")]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetUserQuery(id), cancellationToken);

    /// <summary>Creates the account at once; the person signs in with the temporary password. Takes a Users seat.</summary>
    [HttpPost("users")]
    [ProducesErrors(ErrorCodes.PlanLimit, ErrorCodes.EmailTaken)]
    [ProducesResponseType<UserDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<UserDto>> Invite(InviteUserRequest request, CancellationToken cancellationToken)
    {
        var user = await sender.Send(new InviteUserCommand(request.FullName, request.Email, request.TemporaryPassword, request.RoleIds), cancellationToken);
        return Created($"/api/v1/users/{user.Id}", user);
    }

    /// <summary>Replaces roles and/or sets <c>status</c>; disabling ends the user's sessions and frees the seat.</summary>
    [HttpPatch("users/{id:guid}")]
    [ProducesErrors(ErrorCodes.PlanLimit, ErrorCodes.Conflict)]
    [ProducesResponseType<UserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserDto>> Update(Guid id, UpdateUserRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateUserCommand(id, request.RoleIds, request.Status), cancellationToken);
}

public sealed record InviteUserRequest(string FullName, string Email, string TemporaryPassword, IReadOnlyList<Guid>? RoleIds);

public sealed record UpdateUserRequest(IReadOnlyList<Guid>? RoleIds, string? Status);
