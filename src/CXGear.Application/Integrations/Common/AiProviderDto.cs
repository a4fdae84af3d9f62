using System.Linq.Expressions;
using CXGear.Domain.Integrations;

namespace CXGear.Application.Integrations.Common;

/// <summary>An organization's setting for one LLM provider. It names the vault label; the key itself is never shown.</summary>
public sealed record AiProviderDto(string Provider, string ApiKeyVaultLabel, string DefaultModel, string? BaseUrl, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static readonly Expression<Func<AiProviderSetting, AiProviderDto>> Projection = s =>
        new AiProviderDto(s.Provider, s.ApiKeyVaultLabel, s.DefaultModel, s.BaseUrl, s.CreatedAt, s.UpdatedAt);

    public static AiProviderDto From(AiProviderSetting s) => new(s.Provider, s.ApiKeyVaultLabel, s.DefaultModel, s.BaseUrl, s.CreatedAt, s.UpdatedAt);
}

/// <summary>The configured providers (at most one per provider).</summary>
public sealed record AiProviderList(IReadOnlyList<AiProviderDto> Items);
