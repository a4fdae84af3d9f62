using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>Every versioned route: JSON in and out, errors as problem+json (contract §2).</summary>
[ApiController]
[Route("api/v1")]
[Produces("application/json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase;
