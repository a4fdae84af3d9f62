using System.Security.Cryptography.X509Certificates;
using CXGear.Application.Vault.Common;
using CXGear.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Infrastructure.Vault;

public static class VaultRegistration
{
    public const string ApplicationName = "CXGear";

    /// <summary>
    /// Data Protection with its key ring in the database (every instance reads the same keys) and a fixed application
    /// name (instances in different folders or containers still share them). With
    /// <c>DataProtection:Certificate:Path</c> the keys themselves are encrypted with that certificate, so a copy of the
    /// database alone decrypts nothing (docs/decisions/0027-vault.md).
    /// </summary>
    public static IServiceCollection AddVault(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();

        var certificatePath = configuration["DataProtection:Certificate:Path"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["DataProtection:Certificate:Password"], X509KeyStorageFlags.EphemeralKeySet);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<IVaultCipher, DataProtectionVaultCipher>();
        return services;
    }
}
