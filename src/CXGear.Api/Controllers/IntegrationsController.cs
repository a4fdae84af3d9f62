using CXGear.Api.OpenApi;
using CXGear.Application.Integrations.Commands.PutAiProvider;
using CXGear.Application.Integrations.Common;
using CXGear.Application.Integrations.Queries.ListAiProviders;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The organization's integrations: so far the LLM providers its <c>ai_agent</c> steps call.</summary>
[Authorize]
[Route("api/v1/integrations")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class IntegrationsController(ISender sender) : ApiControllerBase
{
    /// <summary>The configured LLM providers (<c>integrations.read</c>): vault label, default model, endpoint.</summary>
    [HttpGet("ai-providers")]
    [ProducesResponseType<AiProviderList>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AiProviderList>> ListAiProviders(CancellationToken cancellationToken) =>
        await sender.Send(new ListAiProvidersQuery(), cancellationToken);

    /// <summary>
    /// Creates or replaces the setting of <c>openai</c> or <c>anthropic</c> (<c>integrations.write</c>). The API key is
    /// read at run time from the vault label, which must exist; <c>baseUrl</c> (optional) must be https and its host on
    /// the deployment's <c>Runtime:Outbound:AllowedHosts</c>.
    /// </summary>
    [HttpPut("ai-providers/{provider}")]
    [ProducesResponseType<AiProviderDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AiProviderDto>> PutAiProvider(string provider, PutAiProviderRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new PutAiProviderCommand(provider, request.ApiKeyVaultLabel, request.DefaultModel, request.BaseUrl), cancellationToken);
}

/// <summary>The vault label that holds the API key, the model steps use when they name none, and an optional endpoint.</summary>
public sealed record PutAiProviderRequest(string? ApiKeyVaultLabel, string? DefaultModel, string? BaseUrl);
