using CXGear.Application.Jobs.Common;
using CXGear.Application.Jobs.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>Every versioned route: JSON in and out, errors as problem+json (docs/api.md#errors).</summary>
[ApiController]
[Route("api/v1")]
[Produces("application/json")]
public abstract class ApiControllerBase : ControllerBase
{
    /// <summary>
    /// 202 with a job just queued, after waking this instance's runtime: by the time the handler has returned here the
    /// job's transaction has committed, so the runtime finds it at once instead of at its next poll.
    /// </summary>
    protected AcceptedResult Queued(JobQueuedDto job)
    {
        HttpContext.RequestServices.GetRequiredService<JobSignal>().Notify();
        return Accepted(job);
    }
}
