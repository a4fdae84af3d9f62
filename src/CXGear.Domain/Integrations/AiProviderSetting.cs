using CXGear.Domain.Common;
using CXGear.Domain.Vault;

namespace CXGear.Domain.Integrations;

/// <summary>
/// How an organization reaches one LLM provider: which vault label holds its API key (the key itself never sits
/// here or in a definition), the model a step uses when it names none, and an optional endpoint for an
/// OpenAI- or Anthropic-compatible gateway. One per organization and provider.
/// </summary>
public sealed class AiProviderSetting
{
    public const int MaxModelLength = 200;
    public const int MaxBaseUrlLength = 500;

    private AiProviderSetting()
    {
        Provider = string.Empty;
        ApiKeyVaultLabel = string.Empty;
        DefaultModel = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }

    /// <summary>One of <see cref="AiProviders.All"/>.</summary>
    public string Provider { get; private set; }

    public string ApiKeyVaultLabel { get; private set; }
    public string DefaultModel { get; private set; }

    /// <summary>Null means the provider's public endpoint.</summary>
    public string? BaseUrl { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid UpdatedByUserId { get; private set; }

    public static AiProviderSetting Create(Guid organizationId, string provider, string apiKeyVaultLabel, string defaultModel, string? baseUrl, Guid by, DateTime now)
    {
        if (!AiProviders.IsKnown(provider))
        {
            throw Invalid("provider", $"'provider' is one of {string.Join(", ", AiProviders.All)}.");
        }

        var setting = new AiProviderSetting { Id = Ids.New(now), OrganizationId = organizationId, Provider = provider, CreatedAt = now };
        setting.Update(apiKeyVaultLabel, defaultModel, baseUrl, by, now);
        return setting;
    }

    public void Update(string apiKeyVaultLabel, string defaultModel, string? baseUrl, Guid by, DateTime now)
    {
        if (!VaultLabel.IsValid(apiKeyVaultLabel))
        {
            throw Invalid("apiKeyVaultLabel", VaultLabel.Rule);
        }

        if (ModelProblem(defaultModel) is { } problem)
        {
            throw Invalid("defaultModel", problem);
        }

        ApiKeyVaultLabel = apiKeyVaultLabel;
        DefaultModel = defaultModel.Trim();
        BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim();
        UpdatedByUserId = by;
        UpdatedAt = now;
    }

    /// <summary>The rule on a model id, here and for a step's own <c>model</c>.</summary>
    public static string? ModelProblem(string? model) =>
        string.IsNullOrWhiteSpace(model) ? "'defaultModel' is required."
        : model.Trim().Length > MaxModelLength ? $"A model id is at most {MaxModelLength} characters."
        : null;

    private static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }
}
