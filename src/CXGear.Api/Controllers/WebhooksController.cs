using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.Webhooks.Commands.CreateWebhookEndpoint;
using CXGear.Application.Webhooks.Commands.DeleteWebhookEndpoint;
using CXGear.Application.Webhooks.Commands.ReplayWebhookDelivery;
using CXGear.Application.Webhooks.Commands.RotateWebhookSecret;
using CXGear.Application.Webhooks.Commands.UpdateWebhookEndpoint;
using CXGear.Application.Webhooks.Common;
using CXGear.Application.Webhooks.Queries.GetWebhookEndpoint;
using CXGear.Application.Webhooks.Queries.ListWebhookDeliveries;
using CXGear.Application.Webhooks.Queries.ListWebhookEndpoints;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Outbound webhooks: the organization's endpoints, their signing secrets and delivery logs. Events are signed per the
/// Standard Webhooks specification (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>); their
/// payloads are documented under <c>webhooks</c> in this document. Reading needs <c>integrations.read</c>, changing
/// <c>integrations.write</c>.
/// </summary>
[Authorize]
[Route("api/v1")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class WebhooksController(ISender sender) : ApiControllerBase
{
    /// <summary>The organization's endpoints, oldest first; never a secret.</summary>
    [HttpGet("webhook-endpoints")]
    [ProducesResponseType<WebhookEndpointList>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WebhookEndpointList>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListWebhookEndpointsQuery(), cancellationToken);

    /// <summary>
    /// Creates an endpoint: <c>url</c> (https, a public address, at most 2000 characters), <c>events</c> (from the
    /// known types), <c>description</c> (at most 500). The answer carries the signing secret (<c>whsec_…</c>) once.
    /// 409 CONFLICT at 20 endpoints.
    /// </summary>
    [HttpPost("webhook-endpoints")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<WebhookSecretDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<WebhookSecretDto>> Create(CreateWebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateWebhookEndpointCommand(request.Url, request.Events, request.Description), cancellationToken);
        return Created($"/api/v1/webhook-endpoints/{created.Endpoint.Id}", created);
    }

    /// <summary>One endpoint, with <c>disabledReason</c> when the dispatcher disabled it.</summary>
    [HttpGet("webhook-endpoints/{id:guid}")]
    [ProducesResponseType<WebhookEndpointDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WebhookEndpointDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetWebhookEndpointQuery(id), cancellationToken);

    /// <summary>Changes the fields given; <c>enabled: true</c> turns a disabled endpoint back on and clears its failure history.</summary>
    [HttpPatch("webhook-endpoints/{id:guid}")]
    [ProducesResponseType<WebhookEndpointDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WebhookEndpointDto>> Update(Guid id, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateWebhookEndpointCommand(id, request.Url, request.Events, request.Description, request.Enabled), cancellationToken);

    /// <summary>Deletes the endpoint, its secret and its delivery log; pending deliveries are never sent.</summary>
    [HttpDelete("webhook-endpoints/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteWebhookEndpointCommand(id), cancellationToken);
        return NoContent();
    }

    /// <summary>A new signing secret, shown once; the previous one keeps signing beside it for 24 hours.</summary>
    [HttpPost("webhook-endpoints/{id:guid}/rotate-secret")]
    [ProducesResponseType<WebhookSecretDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WebhookSecretDto>> RotateSecret(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new RotateWebhookSecretCommand(id), cancellationToken);

    /// <summary>The endpoint's deliveries, newest first: status, attempts (status code, latency, error) and the next retry.</summary>
    [HttpGet("webhook-endpoints/{id:guid}/deliveries")]
    [ProducesResponseType<PagedResult<WebhookDeliveryDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<WebhookDeliveryDto>>> Deliveries(
        Guid id, [FromQuery] int page = 1, [FromQuery] int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListWebhookDeliveriesQuery(id, page, pageSize), cancellationToken);

    /// <summary>
    /// Sends the delivery's message again (same <c>webhook-id</c> and body) as a new delivery; 409 CONFLICT when its
    /// endpoint is disabled.
    /// </summary>
    [HttpPost("webhook-deliveries/{id:guid}/replay")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<WebhookDeliveryDto>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult<WebhookDeliveryDto>> Replay(Guid id, CancellationToken cancellationToken) =>
        Accepted(await sender.Send(new ReplayWebhookDeliveryCommand(id), cancellationToken));
}

/// <summary>Where to send, which events, and a note for people.</summary>
public sealed record CreateWebhookEndpointRequest(string? Url, IReadOnlyList<string>? Events, string? Description);

/// <summary>Only the fields given change.</summary>
public sealed record UpdateWebhookEndpointRequest(string? Url, IReadOnlyList<string>? Events, string? Description, bool? Enabled);
