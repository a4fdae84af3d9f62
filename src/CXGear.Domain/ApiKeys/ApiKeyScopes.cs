namespace CXGear.Domain.ApiKeys;

/// <summary>What an organization API key may do (docs/api.md#api-keys): add rows, start published spinners.</summary>
public static class ApiKeyScopes
{
    public const string Ingest = "ingest";
    public const string Trigger = "trigger";

    public static IReadOnlyList<string> All { get; } = [Ingest, Trigger];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
