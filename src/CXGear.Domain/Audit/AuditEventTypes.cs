namespace CXGear.Domain.Audit;

/// <summary>The stable event type names operators filter the trail by.</summary>
public static class AuditEventTypes
{
    public const string SignUp = "auth.signup";
    public const string LoginSucceeded = "auth.login_succeeded";
    public const string LoginFailed = "auth.login_failed";
    public const string Logout = "auth.logout";
    public const string SessionReplaced = "session.replaced";
    public const string SessionRevoked = "session.revoked";
    public const string PasswordReset = "password.reset";
    public const string PasswordChanged = "password.changed";
    public const string UserInvited = "user.invited";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserRolesChanged = "user.roles_changed";
    public const string RoleCreated = "role.created";
    public const string RoleChanged = "role.changed";
    public const string RoleDeleted = "role.deleted";
    public const string PlanChanged = "organization.plan_changed";

    /// <summary>An operator suspended or reactivated an organization; the data carries the reason given.</summary>
    public const string OrganizationSuspended = "organization.suspended";
    public const string OrganizationReactivated = "organization.reactivated";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRotated = "api_key.rotated";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string ApiKeyLookedUp = "api_key.looked_up";

    /// <summary>The runtime could not queue a job (a schedule's firing or a parent's record met a full meter).</summary>
    public const string JobRefused = "job.refused";

    public const string ProjectCreated = "project.created";
    public const string ProjectDeleted = "project.deleted";
    public const string DataTableCreated = "data_table.created";
    public const string DataTableDeleted = "data_table.deleted";

    /// <summary>The table's ingest token was rotated: names the new token's prefix, never the token.</summary>
    public const string IngestTokenRotated = "data_table.ingest_token_rotated";

    public const string SpinnerPublished = "spinner.published";
    public const string SpinnerArchived = "spinner.archived";

    /// <summary>A run was started: run now, the public trigger or a schedule queued a job (supporting spinners' jobs are not audited one by one).</summary>
    public const string JobQueued = "job.queued";

    /// <summary>Vault changes name the label only, never the value.</summary>
    public const string VaultSecretCreated = "vault.secret_created";
    public const string VaultSecretRotated = "vault.secret_rotated";
    public const string VaultSecretDeleted = "vault.secret_deleted";

    /// <summary>An LLM provider's setting put: provider, vault label, model and endpoint (no key exists here to leak).</summary>
    public const string AiProviderSet = "integrations.ai_provider_set";

    /// <summary>Channel changes name the channel and its number, never the token.</summary>
    public const string ChannelConnected = "channel.connected";
    public const string ChannelReconnected = "channel.reconnected";
    public const string ChannelDeleted = "channel.deleted";

    /// <summary>Self-serve billing: a checkout started (provider and plan), the billing country or email changed.</summary>
    public const string CheckoutStarted = "billing.checkout_started";
    public const string BillingProfileChanged = "billing.profile_changed";

    /// <summary>Webhook endpoint changes name the endpoint and its URL, never the signing secret.</summary>
    public const string WebhookEndpointCreated = "webhooks.endpoint_created";
    public const string WebhookEndpointChanged = "webhooks.endpoint_changed";
    public const string WebhookEndpointDeleted = "webhooks.endpoint_deleted";
    public const string WebhookSecretRotated = "webhooks.secret_rotated";
    public const string WebhookDeliveryReplayed = "webhooks.delivery_replayed";
    public const string WebhookEndpointDisabled = "webhooks.endpoint_disabled";

    public static IReadOnlyList<string> All { get; } =
    [
        SignUp, LoginSucceeded, LoginFailed, Logout, SessionReplaced, SessionRevoked, PasswordReset, PasswordChanged,
        UserInvited, UserDisabled, UserEnabled, UserRolesChanged, RoleCreated, RoleChanged, RoleDeleted, PlanChanged,
        OrganizationSuspended, OrganizationReactivated,
        ApiKeyCreated, ApiKeyRotated, ApiKeyRevoked, ApiKeyLookedUp, JobRefused, ProjectCreated, ProjectDeleted,
        DataTableCreated, DataTableDeleted, IngestTokenRotated, SpinnerPublished, SpinnerArchived, JobQueued,
        VaultSecretCreated, VaultSecretRotated, VaultSecretDeleted, AiProviderSet, ChannelConnected, ChannelReconnected, ChannelDeleted,
        CheckoutStarted, BillingProfileChanged,
        WebhookEndpointCreated, WebhookEndpointChanged, WebhookEndpointDeleted, WebhookSecretRotated, WebhookDeliveryReplayed, WebhookEndpointDisabled,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
