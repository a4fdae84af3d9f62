using CXGear.Application.Billing.Queries.GetBilling;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

[Authorize]
public sealed class BillingController(ISender sender) : ApiControllerBase
{
    /// <summary>The plan and every meter's used / limit / remaining (<c>billing.read</c>); limit null = unlimited.</summary>
    [HttpGet("billing")]
    [ProducesResponseType<BillingDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public async Task<ActionResult<BillingDto>> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetBillingQuery(), cancellationToken);
}
