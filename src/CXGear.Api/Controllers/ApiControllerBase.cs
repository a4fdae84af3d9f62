using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>Every versioned route: JSON in and out, errors as problem+json (contract §2).</summary>
[ApiController]
[Route("api/v1")]
[Produces("application/json")]
public abstract class ApiControllerBase : ControllerBase;
