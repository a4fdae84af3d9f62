namespace CXGear.Domain.Authorization;

/// <summary>The permission catalog (docs/api.md#permissions). Keys are stored on roles, so they never change.</summary>
public static class Permissions
{
    public const string All = "*";

    public const string ProjectsRead = "projects.read";
    public const string ProjectsWrite = "projects.write";
    public const string SpinnersRead = "spinners.read";
    public const string SpinnersWrite = "spinners.write";
    public const string SpinnersRun = "spinners.run";
    public const string IntegrationsRead = "integrations.read";
    public const string IntegrationsWrite = "integrations.write";
    public const string VaultRead = "vault.read";
    public const string VaultWrite = "vault.write";
    public const string DiallerAccess = "dialler.access";
    public const string DiallerAgent = "dialler.agent";
    public const string ConversationsAgent = "conversations.agent";
    public const string ConversationsSupervise = "conversations.supervise";
    public const string AnalyticsRead = "analytics.read";
    public const string PcaSetup = "pca.setup";
    public const string PcaTags = "pca.tags";
    public const string PcaQa = "pca.qa";
    public const string UsersManage = "users.manage";
    public const string RolesManage = "roles.manage";
    public const string BillingRead = "billing.read";
    public const string ApiKeysManage = "api_keys.manage";
    public const string DataTablesDelete = "data_tables.delete";

    /// <summary>Every grantable key; <see cref="All"/> is reserved for the system Admin role.</summary>
    public static IReadOnlyList<string> Catalog { get; } =
    [
        ProjectsRead, ProjectsWrite, SpinnersRead, SpinnersWrite, SpinnersRun,
        IntegrationsRead, IntegrationsWrite, VaultRead, VaultWrite,
        DiallerAccess, DiallerAgent, ConversationsAgent, ConversationsSupervise,
        AnalyticsRead, PcaSetup, PcaTags, PcaQa,
        UsersManage, RolesManage, BillingRead, ApiKeysManage, DataTablesDelete,
    ];

    public static bool IsKnown(string key) => Catalog.Contains(key, StringComparer.Ordinal);

    /// <summary>True when a set of granted keys satisfies <paramref name="required"/>.</summary>
    public static bool Grants(IEnumerable<string> granted, string required) =>
        granted.Any(g => g == All || string.Equals(g, required, StringComparison.Ordinal));
}
