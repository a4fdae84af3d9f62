using CXGear.Api.OpenApi;
using CXGear.Application.ApiKeys.Commands.CreateApiKey;
using CXGear.Application.ApiKeys.Commands.RevokeApiKey;
using CXGear.Application.ApiKeys.Commands.RotateApiKey;
using CXGear.Application.ApiKeys.Common;
using CXGear.Application.ApiKeys.Queries.ListApiKeys;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The organization's API keys (<c>api_keys.manage</c>). The secret appears only in create and rotate responses.</summary>
[Authorize]
[Route("api/v1/api-keys")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class ApiKeysController(ISender sender) : ApiControllerBase
{
    /// <summary>Keys by prefix, newest first, revoked ones included; never a secret.</summary>
    [HttpGet]
    [ProducesResponseType<PagedResult<ApiKeyDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<ApiKeyDto>>> List([FromQuery] int page = 1, [FromQuery] int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListApiKeysQuery(page, pageSize), cancellationToken);

    /// <summary>Creates a key with scopes <c>ingest</c> and/or <c>trigger</c>; the response's <c>secret</c> is shown once.</summary>
    [HttpPost]
    [ProducesErrors(ErrorCodes.PlanLimit)]
    [ProducesResponseType<CreatedApiKeyDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<CreatedApiKeyDto>> Create(CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new CreateApiKeyCommand(request.Name, request.Scopes, request.ExpiresAt), cancellationToken);
        return Created($"/api/v1/api-keys/{created.Key.Id}", created);
    }

    /// <summary>Revokes a key; its next request fails.</summary>
    [HttpDelete("{id:guid}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Revoke(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeApiKeyCommand(id), cancellationToken);
        return NoContent();
    }

    /// <summary>Issues a successor (new secret, shown once); the old key works for <c>graceSeconds</c> more (0–86400).</summary>
    [HttpPost("{id:guid}/rotate")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<CreatedApiKeyDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<CreatedApiKeyDto>> Rotate(Guid id, RotateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var created = await sender.Send(new RotateApiKeyCommand(id, request.GraceSeconds), cancellationToken);
        return Created($"/api/v1/api-keys/{created.Key.Id}", created);
    }
}

/// <summary>
/// A new key: a name, one or both scopes (<c>ingest</c>, <c>trigger</c>) and an optional <c>expiresAt</c> in the
/// future, after which the key stops working. A time sent without an offset is taken as UTC.
/// </summary>
public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes, DateTime? ExpiresAt);

public sealed record RotateApiKeyRequest(int GraceSeconds);
