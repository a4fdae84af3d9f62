using CXGear.Api.OpenApi;
using CXGear.Application.Billing.Queries.GetBilling;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The organization's plan and meters.</summary>
[Authorize]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class BillingController(ISender sender) : ApiControllerBase
{
    /// <summary>The plan and every meter's used / limit / remaining (<c>billing.read</c>); limit null = unlimited.</summary>
    [HttpGet("billing")]
    [ProducesResponseType<BillingDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BillingDto>> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetBillingQuery(), cancellationToken);
}
