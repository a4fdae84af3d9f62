using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Infrastructure.Auth;

/// <summary>
/// Resolves the JWT signing key. In Development a missing key is generated once and kept in the data
/// folder, so tokens survive restarts; anywhere else a missing or short key stops start-up.
/// </summary>
public static class SigningKeys
{
    public const int MinimumBytes = 32;

    public static SymmetricSecurityKey Resolve(JwtOptions options, IHostEnvironment environment, string dataDirectory)
    {
        var configured = options.SigningKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Jwt:SigningKey is not set. Outside Development the API refuses to start without a signing key of at least 32 bytes.");
            }

            configured = LoadOrCreateDevelopmentKey(dataDirectory);
        }

        var bytes = configured.StartsWith("base64:", StringComparison.Ordinal)
            ? Convert.FromBase64String(configured["base64:".Length..])
            : Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"Jwt:SigningKey must be at least {MinimumBytes} bytes for HS256.");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };
    }

    private static string LoadOrCreateDevelopmentKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "jwt-signing.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, "base64:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }

        return File.ReadAllText(path).Trim();
    }
}
