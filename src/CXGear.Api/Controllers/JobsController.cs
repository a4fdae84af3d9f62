using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Jobs.Commands.CancelJob;
using CXGear.Application.Jobs.Commands.RunSpinner;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Jobs.Queries.GetJob;
using CXGear.Application.Jobs.Queries.GetRecord;
using CXGear.Application.Jobs.Queries.GetRecordJourney;
using CXGear.Application.Jobs.Queries.ListJobRecords;
using CXGear.Application.Jobs.Queries.ListJobs;
using CXGear.Application.Jobs.Queries.ListRecords;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Jobs: run now, a project's jobs, one job, its records, a project's records, one record and its journey, cancel.
/// Reading needs <c>projects.read</c> (what a spinner did is the project's history; its definition stays behind
/// <c>spinners.read</c>); running and cancelling <c>spinners.run</c>. Jobs are created queued; executing them is the
/// runtime's work.
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

    /// <summary>
    /// The project's records across its jobs, newest first (by their job's creation, then by sequence). Filters:
    /// <c>jobId</c>, <c>spinnerId</c>, <c>status</c> (pending, completed, failed, skipped), <c>disposition</c> (exact),
    /// <c>from</c> inclusive and <c>to</c> exclusive on the record's <c>createdAt</c> (its job's).
    /// </summary>
    [HttpGet("projects/{projectId:guid}/records")]
    [ProducesResponseType<PagedResult<JobRecordDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<JobRecordDto>>> ProjectRecords(
        Guid projectId,
        [FromQuery] Guid? jobId,
        [FromQuery] Guid? spinnerId,
        [FromQuery] string? status,
        [FromQuery] string? disposition,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(
            new ListRecordsQuery(projectId, jobId, spinnerId, status, disposition, from?.UtcDateTime, to?.UtcDateTime, page, pageSize),
            cancellationToken);

    /// <summary>One record: payload, outputs, disposition, error, its job, spinner and version, times and duration.</summary>
    [HttpGet("records/{id:guid}")]
    [ProducesResponseType<JobRecordDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<JobRecordDto>> Record(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRecordQuery(id), cancellationToken);

    /// <summary>One record's start, end, duration and final outputs, and its step events in order.</summary>
    [HttpGet("records/{id:guid}/journey")]
    [ProducesResponseType<RecordJourneyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RecordJourneyDto>> Journey(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRecordJourneyQuery(id), cancellationToken);
}
