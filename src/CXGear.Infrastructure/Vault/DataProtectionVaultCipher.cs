using System.Security.Cryptography;
using CXGear.Application.Vault.Common;
using Microsoft.AspNetCore.DataProtection;

namespace CXGear.Infrastructure.Vault;

/// <summary>
/// Vault values through ASP.NET Core Data Protection: authenticated encryption (AES-256-CBC + HMACSHA256 by default)
/// under the key ring in the database, with a purpose per organization, so a value moved to another organization's
/// row, or read with another key ring, does not decrypt.
/// </summary>
internal sealed class DataProtectionVaultCipher(IDataProtectionProvider provider) : IVaultCipher
{
    /// <summary>Changing this string makes every stored value unreadable: it is part of the key derivation.</summary>
    public const string Purpose = "CXGear.Vault.v1";

    private readonly IDataProtector _root = provider.CreateProtector(Purpose);

    public string Protect(Guid organizationId, string value) => For(organizationId).Protect(value);

    public string? TryUnprotect(Guid organizationId, string protectedValue)
    {
        try
        {
            return For(organizationId).Unprotect(protectedValue);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector For(Guid organizationId) => _root.CreateProtector(organizationId.ToString("N"));
}
