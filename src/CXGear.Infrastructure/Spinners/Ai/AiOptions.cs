namespace CXGear.Infrastructure.Spinners.Ai;

/// <summary><c>Runtime:Ai</c>: how long an <c>ai_agent</c> call may take and how often it is retried.</summary>
public sealed class AiOptions
{
    public const string Section = "Runtime:Ai";

    /// <summary>For the whole call, retries included: a model can take up to about two minutes per record.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Retries on 429, 408, 5xx and network errors, after the provider's Retry-After when it sends one.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay when the provider gives no Retry-After; later ones grow exponentially, with jitter.</summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1_000;

    /// <summary>The answer's length limit sent to providers that require one (Anthropic's max_tokens).</summary>
    public int MaxOutputTokens { get; set; } = 1_024;
}
