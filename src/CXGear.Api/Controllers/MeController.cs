using CXGear.Application.Auth.Queries.GetMe;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The caller: user, organization, permissions and session.</summary>
[Authorize]
public sealed class MeController(ISender sender) : ApiControllerBase
{
    /// <summary>The signed-in user, their organization, roles, effective permissions, plan and session.</summary>
    [HttpGet("me")]
    [ProducesResponseType<MeDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<MeDto>> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetMeQuery(), cancellationToken);
}
