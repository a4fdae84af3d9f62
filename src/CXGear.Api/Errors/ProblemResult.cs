using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Errors;

/// <summary>Writes through the same problem-details service as every other error, so the body is identical in shape.</summary>
internal sealed class ProblemResult(ProblemDetails problem) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => Problems.WriteAsync(context.HttpContext, problem);
}
