using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Jobs.Commands.CancelJob;
using CXGear.Application.Jobs.Commands.RunSpinner;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Jobs.Queries.GetJob;
using CXGear.Application.Jobs.Queries.GetRecordJourney;
using CXGear.Application.Jobs.Queries.ListJobRecords;
using CXGear.Application.Jobs.Queries.ListJobs;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Jobs: run now, a project's jobs, one job, its records and a record's journey, cancel. Reading needs
/// <c>spinners.read</c>; running and cancelling <c>spinners.run</c>. Jobs are created queued; executing them is
/// the runtime's work.
/// </summary>
[Authorize]
[Route("api/v1")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class JobsController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// Queues a job of the spinner's current published version over its table's rows (a full Jobs or
    /// Records meter is 403 PLAN_LIMIT and no job). Draft only: 409 SPINNER_NOT_PUBLISHED.
    /// </summary>
    [HttpPost("spinners/{id:guid}/run")]
    [ProducesErrors(ErrorCodes.PlanLimit, ErrorCodes.SpinnerNotPublished, ErrorCodes.Conflict)]
    [ProducesResponseType<JobQueuedDto>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult<JobQueuedDto>> Run(Guid id, CancellationToken cancellationToken) =>
        Queued(await sender.Send(new RunSpinnerCommand(id), cancellationToken));

    /// <summary>A project's jobs, newest first.</summary>
    [HttpGet("projects/{projectId:guid}/jobs")]
    [ProducesResponseType<PagedResult<JobDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<JobDto>>> List(
        Guid projectId,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListJobsQuery(projectId, page, pageSize), cancellationToken);

    /// <summary>The job: status, pinned version, counts, times and origin.</summary>
    [HttpGet("jobs/{id:guid}")]
    [ProducesResponseType<JobDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<JobDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetJobQuery(id), cancellationToken);

    /// <summary>Cancels a queued job at once, asks a running one to stop; a finished job is 409 CONFLICT.</summary>
    [HttpPost("jobs/{id:guid}/cancel")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<JobDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<JobDto>> Cancel(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new CancelJobCommand(id), cancellationToken);

    /// <summary>The job's records by sequence, each with its payload snapshot, status, disposition and times.</summary>
    [HttpGet("jobs/{id:guid}/records")]
    [ProducesResponseType<PagedResult<JobRecordDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<JobRecordDto>>> Records(
        Guid id,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListJobRecordsQuery(id, page, pageSize), cancellationToken);

    /// <summary>One record's step events in order.</summary>
    [HttpGet("records/{id:guid}/journey")]
    [ProducesResponseType<RecordJourneyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RecordJourneyDto>> Journey(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRecordJourneyQuery(id), cancellationToken);
}
