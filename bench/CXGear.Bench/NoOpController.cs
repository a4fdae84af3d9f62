using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Bench;

/// <summary>
/// Benchmark-only routes that do nothing, so what is measured is the pipeline in front of them: the same
/// action anonymous and behind the default <c>Bearer</c> policy (which forwards <c>cxg_…</c> to the key handler).
/// </summary>
[ApiController]
[ApiExplorerSettings(IgnoreApi = true)]
[Route("bench")]
public sealed class NoOpController : ControllerBase
{
    [AllowAnonymous]
    [HttpGet("anonymous")]
    public IActionResult Anonymous() => NoContent();

    [Authorize]
    [HttpGet("authenticated")]
    public IActionResult Authenticated() => NoContent();
}
