using CXGear.Domain.Common;

namespace CXGear.Application.Vault.Common;

internal static class VaultSecretNotFound
{
    /// <summary>Also the answer for a label another organization holds: labels are per organization.</summary>
    public static CXGearException Error(string label) => new(ErrorCodes.NotFound, $"Vault secret '{label}' was not found.");
}
