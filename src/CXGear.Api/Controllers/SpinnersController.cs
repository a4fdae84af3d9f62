using System.Text.Json;
using System.Text.Json.Serialization;
using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Spinners.Commands.ArchiveSpinner;
using CXGear.Application.Spinners.Commands.CreateSpinner;
using CXGear.Application.Spinners.Commands.PublishSpinner;
using CXGear.Application.Spinners.Commands.SetSpinnerSchedule;
using CXGear.Application.Spinners.Commands.UpdateSpinner;
using CXGear.Application.Spinners.Common;
using CXGear.Application.Spinners.Queries.GetSpinner;
using CXGear.Application.Spinners.Queries.ListSpinners;
using CXGear.Application.Spinners.Queries.ListSpinnerVersions;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Spinners: drafts, published versions and schedules. Reading needs <c>spinners.read</c>, everything else
/// <c>spinners.write</c>. Running one (<c>POST /spinners/{id}/run</c>, <c>spinners.run</c>) is under Jobs.
/// </summary>
[Authorize]
[Route("api/v1")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class SpinnersController(ISender sender) : ApiControllerBase
{
    /// <summary>A project's spinners, newest first.</summary>
    [HttpGet("projects/{projectId:guid}/spinners")]
    [ProducesResponseType<PagedResult<SpinnerDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<SpinnerDto>>> List(
        Guid projectId,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListSpinnersQuery(projectId, page, pageSize), cancellationToken);

    /// <summary>
    /// Creates a draft over a table of the project. With <c>parentSpinnerId</c> (a main spinner of the project) it is a
    /// supporting spinner and needs <c>startWhen</c>. An invalid definition is 400 with one entry per problem at its path.
    /// </summary>
    [HttpPost("projects/{projectId:guid}/spinners")]
    [ProducesResponseType<SpinnerDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<SpinnerDto>> Create(Guid projectId, CreateSpinnerRequest request, CancellationToken cancellationToken)
    {
        var startWhen = request.StartWhen is { } when ? new StartWhenInput(when.Field, when.EqualsText) : null;
        var spinner = await sender.Send(
            new CreateSpinnerCommand(projectId, request.Name, request.DataTableId, request.Definition, request.ParentSpinnerId, startWhen),
            cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = spinner.Id }, spinner);
    }

    /// <summary>The spinner with its draft definition.</summary>
    [HttpGet("spinners/{id:guid}")]
    [ProducesResponseType<SpinnerDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<SpinnerDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetSpinnerQuery(id), cancellationToken);

    /// <summary>
    /// Archives the spinner: hidden from lists, never run, published or edited again, schedule off, its Spinners unit
    /// freed; it, its versions, jobs and records stay readable. 409 CONFLICT while a live supporting spinner has it as
    /// parent or one of its jobs is queued or running; an archived spinner is 404.
    /// </summary>
    [HttpDelete("spinners/{id:guid}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Archive(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new ArchiveSpinnerCommand(id), cancellationToken);
        return NoContent();
    }

    /// <summary>Replaces the draft (name and definition); published versions do not change.</summary>
    [HttpPut("spinners/{id:guid}")]
    [ProducesResponseType<SpinnerDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<SpinnerDto>> Update(Guid id, UpdateSpinnerRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateSpinnerCommand(id, request.Name, request.Definition), cancellationToken);

    /// <summary>
    /// Freezes the draft as the next version. A main spinner's first publish takes a unit of the Spinners meter
    /// (403 PLAN_LIMIT when full, and nothing is published).
    /// </summary>
    [HttpPost("spinners/{id:guid}/publish")]
    [ProducesErrors(ErrorCodes.PlanLimit, ErrorCodes.Conflict)]
    [ProducesResponseType<PublishedSpinnerDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PublishedSpinnerDto>> Publish(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new PublishSpinnerCommand(id), cancellationToken);

    /// <summary>The published versions, newest first.</summary>
    [HttpGet("spinners/{id:guid}/versions")]
    [ProducesResponseType<PagedResult<SpinnerVersionDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<SpinnerVersionDto>>> Versions(
        Guid id,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListSpinnerVersionsQuery(id, page, pageSize), cancellationToken);

    /// <summary>
    /// Sets the schedule: a standard 5-field cron in an IANA time zone. Only a published spinner (409
    /// SPINNER_NOT_PUBLISHED otherwise). The answer carries the next due time in UTC.
    /// </summary>
    [HttpPut("spinners/{id:guid}/schedule")]
    [ProducesErrors(ErrorCodes.SpinnerNotPublished)]
    [ProducesResponseType<SpinnerDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<SpinnerDto>> Schedule(Guid id, ScheduleRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SetSpinnerScheduleCommand(id, request.Cron, request.TimeZone, request.Enabled ?? true), cancellationToken);
}

public sealed record StartWhenRequest(string? Field, [property: JsonPropertyName("equals")] string? EqualsText);

public sealed record CreateSpinnerRequest(string? Name, Guid? DataTableId, JsonElement Definition, Guid? ParentSpinnerId, StartWhenRequest? StartWhen);

public sealed record UpdateSpinnerRequest(string? Name, JsonElement Definition);

public sealed record ScheduleRequest(string? Cron, string? TimeZone, bool? Enabled);
