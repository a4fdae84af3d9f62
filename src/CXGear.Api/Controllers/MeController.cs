using CXGear.Application.Auth.Queries.GetMe;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

[Authorize]
public sealed class MeController(ISender sender) : ApiControllerBase
{
    /// <summary>The signed-in user, their organization, roles, effective permissions, plan and session.</summary>
    [HttpGet("me")]
    [ProducesResponseType<MeDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<ActionResult<MeDto>> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetMeQuery(), cancellationToken);
}
