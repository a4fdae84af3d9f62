namespace CXGear.Application.Vault.Common;

/// <summary>
/// Encrypts vault values at rest. Each organization has its own purpose, so a value copied into another
/// organization's row does not decrypt there. Implemented with ASP.NET Core Data Protection (Infrastructure).
/// </summary>
public interface IVaultCipher
{
    string Protect(Guid organizationId, string value);

    /// <summary>The value, or null when this key ring cannot decrypt it (another key ring, a tampered row).</summary>
    string? TryUnprotect(Guid organizationId, string protectedValue);
}
