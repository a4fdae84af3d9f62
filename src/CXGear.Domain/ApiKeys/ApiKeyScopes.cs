namespace CXGear.Domain.ApiKeys;

/// <summary>What an organization API key may do (docs/api.md#api-keys): add rows, start published spinners.</summary>
public static class ApiKeyScopes
{
    public const string Ingest = "ingest";
    public const string Trigger = "trigger";

    public static IReadOnlyList<string> All { get; } = [Ingest, Trigger];

    /// <summary>
    /// What a person must hold to hand out the scope: a key does on someone's behalf what they could do themselves
    /// (writing rows is <c>projects.write</c>, starting spinners <c>spinners.run</c>), so <c>api_keys.manage</c> alone is
    /// not a way around either.
    /// </summary>
    public static string PermissionFor(string scope) => scope switch
    {
        Ingest => Authorization.Permissions.ProjectsWrite,
        Trigger => Authorization.Permissions.SpinnersRun,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not an API key scope."),
    };

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
