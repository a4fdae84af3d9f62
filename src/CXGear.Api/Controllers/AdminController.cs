using CXGear.Api.OpenApi;
using CXGear.Application.Admin.Commands.ChangeOrganizationPlan;
using CXGear.Application.Admin.Common;
using CXGear.Application.Admin.Commands.EndUserSessions;
using CXGear.Application.Admin.Commands.SetOrganizationStatus;
using CXGear.Application.Admin.Queries.ListAuditEvents;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Admin.Queries.GetOrganization;
using CXGear.Application.Admin.Queries.GetRuntime;
using CXGear.Application.Admin.Queries.ListOrganizations;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The platform operators' console. Only operator accounts reach it; no organization role does.</summary>
[Authorize]
[Route("api/v1/admin")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class AdminController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// Customer organizations, newest first, with plan, active users and usage of each meter. <c>meter</c> with
    /// <c>minUsed</c> keeps those whose current use of that meter is at least that much, e.g.
    /// <c>meter=jobs&amp;minUsed=5000</c> for this month's heaviest automation users.
    /// </summary>
    [HttpGet("organizations")]
    [ProducesResponseType<PagedResult<AdminOrganizationDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<AdminOrganizationDto>>> GetOrganizations(
        [FromQuery] string? search,
        [FromQuery] string? plan,
        [FromQuery] string? meter,
        [FromQuery] long? minUsed,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListOrganizationsQuery(search, plan, page, pageSize) { Meter = meter, MinUsed = minUsed }, cancellationToken);

    /// <summary>One customer organization.</summary>
    [HttpGet("organizations/{id:guid}")]
    [ProducesResponseType<AdminOrganizationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AdminOrganizationDto>> GetOrganization(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetOrganizationQuery(id), cancellationToken);

    /// <summary>Moves an organization to another plan (<c>trial</c>, <c>pro</c>, <c>advanced</c>, <c>enterprise</c>).</summary>
    [HttpPut("organizations/{id:guid}/plan")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<AdminOrganizationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AdminOrganizationDto>> ChangePlan(Guid id, ChangeOrganizationPlanRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new ChangeOrganizationPlanCommand(id, request.Plan), cancellationToken);

    /// <summary>
    /// Suspends (<c>{status: "suspended", reason}</c>, reason required, ≤ 500 characters) or reactivates
    /// (<c>{status: "active"}</c>) a customer organization. While suspended, its users' tokens, sign-ins and refreshes,
    /// its API keys and its table tokens get 403 ORGANIZATION_SUSPENDED, and the runtime claims none of its jobs (a
    /// running one stops taking records and goes back to the queue). Audited with the reason.
    /// </summary>
    [HttpPut("organizations/{id:guid}/status")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<AdminOrganizationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AdminOrganizationDto>> SetStatus(Guid id, SetOrganizationStatusRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SetOrganizationStatusCommand(id, request.Status, request.Reason), cancellationToken);

    /// <summary>
    /// The job runtime across instances: each instance's heartbeat (alive or not) and the jobs it holds, the jobs
    /// queued and running, and each organization's queue depth and oldest queued job's age.
    /// </summary>
    [HttpGet("runtime")]
    [ProducesResponseType<RuntimeOverviewDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RuntimeOverviewDto>> GetRuntime(CancellationToken cancellationToken) =>
        await sender.Send(new GetRuntimeQuery(), cancellationToken);

    /// <summary>
    /// Ends a customer user's open sessions (reason <c>admin_action</c>); their next request and refresh get 401
    /// SESSION_REVOKED. Audited in the user's organization. Optional body <c>{reason}</c> (≤ 500 characters).
    /// </summary>
    [HttpPost("users/{id:guid}/sessions/end")]
    [ProducesErrors(ErrorCodes.NotFound)]
    [ProducesResponseType<EndedSessionsDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<EndedSessionsDto>> EndUserSessions(Guid id, EndUserSessionsRequest? request, CancellationToken cancellationToken) =>
        await sender.Send(new EndUserSessionsCommand(id, request?.Reason), cancellationToken);

    /// <summary>The audit trail across organizations, newest first; <c>from</c> inclusive, <c>to</c> exclusive.</summary>
    [HttpGet("audit-events")]
    [ProducesResponseType<PagedResult<AuditEventDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<AuditEventDto>>> GetAuditEvents(
        [FromQuery] Guid? organizationId,
        [FromQuery] string? type,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        [FromQuery] Guid? actorUserId = null,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListAuditEventsQuery(organizationId, type, from?.UtcDateTime, to?.UtcDateTime, page, pageSize, actorUserId), cancellationToken);
}

/// <summary>Why the sessions were ended, for the audit trail (optional).</summary>
public sealed record EndUserSessionsRequest(string? Reason);

/// <summary>An organization's new status (<c>active</c> or <c>suspended</c>) and, for a suspension, why (required).</summary>
public sealed record SetOrganizationStatusRequest(string Status, string? Reason);
