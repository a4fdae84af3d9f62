namespace CXGear.Application.Spinners.Runtime.Ai;

/// <summary>What a record needs of an organization's provider setting.</summary>
public sealed record AiProviderConfig(string ApiKeyVaultLabel, string DefaultModel, string? BaseUrl);

/// <summary>Reads an organization's setting for one provider at the step, so a change counts from the next record.</summary>
public interface IAiProviderSettingsReader
{
    Task<AiProviderConfig?> FindAsync(Guid organizationId, string provider, CancellationToken cancellationToken);
}
