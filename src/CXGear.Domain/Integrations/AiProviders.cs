namespace CXGear.Domain.Integrations;

/// <summary>The LLM providers an organization can configure; <c>Mock</c> needs no setting and is not one of them.</summary>
public static class AiProviders
{
    public const string OpenAi = "openai";
    public const string Anthropic = "anthropic";

    public static IReadOnlyList<string> All { get; } = [OpenAi, Anthropic];

    public static bool IsKnown(string? provider) => provider is not null && All.Contains(provider, StringComparer.Ordinal);
}
