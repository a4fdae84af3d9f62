using CXGear.Api.OpenApi;
using CXGear.Application.Admin.Queries.ListAllApiKeys;
using CXGear.Application.Admin.Commands.LookupApiKey;
using CXGear.Application.Admin.Commands.RevokeAnyApiKey;
using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CXGear.Api.Controllers;

/// <summary>Operators: find and kill any organization's key. No organization role reaches these.</summary>
[Authorize]
[Route("api/v1/admin/api-keys")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class AdminApiKeysController(ISender sender) : ApiControllerBase
{
    /// <summary>Keys across organizations, filtered by organization and/or prefix.</summary>
    [HttpGet]
    [ProducesResponseType<PagedResult<ApiKeyDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<ApiKeyDto>>> List(
        [FromQuery] Guid? organizationId = null,
        [FromQuery] string? prefix = null,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListAllApiKeysQuery(organizationId, prefix, page, pageSize), cancellationToken);

    /// <summary>Which organization owns a leaked secret (404 alike for malformed and unknown secrets).</summary>
    [HttpPost("lookup")]
    [ProducesErrors(ErrorCodes.NotFound)]
    [ProducesResponseType<ApiKeyOwnerDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ApiKeyOwnerDto>> Lookup(LookupApiKeyRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new LookupApiKeyCommand(request.Secret), cancellationToken);

    /// <summary>Revokes any key, with a reason the organization will see.</summary>
    /// <remarks>A DELETE sent without a body (clients often do) is a missing reason, 400, not a 415.</remarks>
    [HttpDelete("{id:guid}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Revoke(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RevokeApiKeyRequest? request, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeAnyApiKeyCommand(id, request?.Reason ?? string.Empty), cancellationToken);
        return NoContent();
    }
}

/// <summary>The full secret of the key to look up (<c>cxg_…</c>): sent in the body, never in a URL, and neither stored nor logged.</summary>
public sealed record LookupApiKeyRequest(string Secret)
{
    /// <summary>Records print their members; this one carries a secret.</summary>
    public override string ToString() => nameof(LookupApiKeyRequest);
}

public sealed record RevokeApiKeyRequest(string Reason);
