using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>Test-only route that fails the way a bug would, to prove what a 500 reveals.</summary>
[ApiController]
[ApiExplorerSettings(IgnoreApi = true)]
[Route("api/v1/test")]
public sealed class FaultyController : ControllerBase
{
    public const string SecretInException = "Server=db;Password=hunter2-secret";

    [HttpGet("throw")]
    public IActionResult Throw() => throw new InvalidOperationException(SecretInException);
}
