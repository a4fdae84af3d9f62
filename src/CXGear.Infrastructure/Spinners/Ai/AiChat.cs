using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using CXGear.Application.Spinners.Runtime.Ai;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Domain.Integrations;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly.Timeout;

namespace CXGear.Infrastructure.Spinners.Ai;

/// <summary>
/// An <c>ai_agent</c> call through <see cref="IChatClient"/>: the OpenAI client (any OpenAI-compatible endpoint) or the
/// Anthropic client, each built per call over the <see cref="ClientName"/> HttpClient, whose handler chain is the
/// guarded outbound stack (connect-time address check) with this call's time limit and retries. The SDKs' own retries
/// are off so that one policy, honouring Retry-After, applies to both. The host is checked against the same
/// allow-list as api_call before anything leaves the process.
/// </summary>
internal sealed class AiChat(IHttpClientFactory clients, IOptions<AiOptions> options, IOptions<OutboundHttpOptions> outbound) : IAiChat
{
    public const string ClientName = "spinner-ai";

    public static readonly Uri OpenAiEndpoint = new("https://api.openai.com/v1");
    public static readonly Uri AnthropicEndpoint = new("https://api.anthropic.com");

    private readonly HostAllowList _allowList = new(outbound.Value.AllowedHosts);

    public async Task<AiChatResponse> CompleteAsync(AiChatRequest request, CancellationToken cancellationToken)
    {
        var endpoint = request.BaseUrl ?? (request.Provider == AiProviders.Anthropic ? AnthropicEndpoint : OpenAiEndpoint);
        if (!_allowList.Allows(endpoint.Host))
        {
            throw new AiCallFailedException($"AI_PROVIDER_ERROR: host '{endpoint.Host}' is not on {OutboundHttpOptions.Section}:AllowedHosts.");
        }

        var http = clients.CreateClient(ClientName);
        using var client = Build(request, endpoint, http);
        List<ChatMessage> messages = [];
        if (request.System is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, request.System));
        }

        messages.Add(new ChatMessage(ChatRole.User, request.User));
        var chatOptions = new ChatOptions { ModelId = request.Model, MaxOutputTokens = options.Value.MaxOutputTokens };
        if (request.WantsJson && request.Provider == AiProviders.OpenAi)
        {
            chatOptions.ResponseFormat = ChatResponseFormat.Json;
        }

        try
        {
            var response = await client.GetResponseAsync(messages, chatOptions, cancellationToken);
            return new AiChatResponse(response.Text, response.ModelId, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Failure(exception);
        }
    }

    private IChatClient Build(AiChatRequest request, Uri endpoint, HttpClient http)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds + 5);
        if (request.Provider == AiProviders.Anthropic)
        {
            // The SDK sends the key as a bearer token; the Messages API documents x-api-key, which gateways that
            // speak the Anthropic shape check. The HttpClient is this call's own, so the header goes nowhere else.
            http.DefaultRequestHeaders.TryAddWithoutValidation("x-api-key", request.ApiKey);
            var anthropic = new AnthropicClient
            {
                ApiKey = request.ApiKey,
                BaseUrl = endpoint.ToString().TrimEnd('/'),
                HttpClient = http,
                MaxRetries = 0,
                Timeout = timeout,
            };
            return anthropic.AsIChatClient(request.Model, options.Value.MaxOutputTokens);
        }

        var openAi = new OpenAI.Chat.ChatClient(
            request.Model,
            new ApiKeyCredential(request.ApiKey),
            new OpenAIClientOptions
            {
                Endpoint = endpoint,
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = timeout,
            });
        return openAi.AsIChatClient();
    }

    /// <summary>The journey gets a code and the status or the kind of failure; provider bodies may be long, so not those.</summary>
    private AiCallFailedException Failure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OutboundRefusedException refused:
                    return new AiCallFailedException($"AI_PROVIDER_ERROR: {refused.Message}", exception);
                case TimeoutRejectedException or TimeoutException or TaskCanceledException:
                    return new AiCallFailedException($"AI_TIMEOUT: no answer within {options.Value.TimeoutSeconds}s (Runtime:Ai:TimeoutSeconds).", exception);
                case ClientResultException { Status: > 0 } result:
                    return new AiCallFailedException($"AI_PROVIDER_ERROR: the provider answered {result.Status}.", exception);
            }
        }

        var status = StatusOf(exception);
        return new AiCallFailedException(
            status is null ? $"AI_PROVIDER_ERROR: {exception.GetType().Name}." : $"AI_PROVIDER_ERROR: the provider answered {status}.", exception);
    }

    /// <summary>The Anthropic SDK's errors carry the HTTP status in a property of their own type.</summary>
    private static int? StatusOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { StatusCode: { } code })
            {
                return (int)code;
            }

            if (e.GetType().GetProperty("StatusCode")?.GetValue(e) is { } value)
            {
                return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
