using CXGear.Api.OpenApi;
using CXGear.Application.Auditing.Queries.ListOrganizationAuditEvents;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The organization's own audit trail, for its Admins (<c>users.manage</c> and <c>roles.manage</c>).</summary>
[Authorize]
[Route("api/v1/audit-events")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class AuditEventsController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// Events of the caller's organization, newest first: sign-ins, users and roles, keys, projects, vault changes, runs
    /// refused by a meter… Filters: one <c>type</c>, one actor (<c>actorUserId</c>), <c>from</c> inclusive, <c>to</c> exclusive.
    /// </summary>
    [HttpGet]
    [ProducesResponseType<PagedResult<AuditEventDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<AuditEventDto>>> List(
        [FromQuery] string? type,
        [FromQuery] Guid? actorUserId,
        [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListOrganizationAuditEventsQuery(type, actorUserId, from?.UtcDateTime, to?.UtcDateTime, page, pageSize), cancellationToken);
}
