namespace CXGear.Application.Spinners.Runtime.Ai;

/// <summary>
/// One chat completion against a configured provider. <paramref name="WantsJson"/> asks for a JSON answer where the
/// provider supports it; the caller validates the answer either way.
/// </summary>
public sealed record AiChatRequest(string Provider, string Model, string ApiKey, Uri? BaseUrl, string? System, string User, bool WantsJson);

/// <summary>The answer's text, the model that produced it and the tokens the provider reported (null when it did not).</summary>
public sealed record AiChatResponse(string Text, string? Model, long? InputTokens, long? OutputTokens);

/// <summary>Sends one <c>ai_agent</c> call through the runtime's guarded outbound stack.</summary>
public interface IAiChat
{
    /// <exception cref="AiCallFailedException">Refused, timed out, or answered with an error after the retries.</exception>
    Task<AiChatResponse> CompleteAsync(AiChatRequest request, CancellationToken cancellationToken);
}

/// <summary>The call produced no answer; <see cref="Exception.Message"/> is fit for the journey (code first).</summary>
public sealed class AiCallFailedException(string message, Exception? inner = null) : Exception(message, inner);
