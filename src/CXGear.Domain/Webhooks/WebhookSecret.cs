using System.Security.Cryptography;

namespace CXGear.Domain.Webhooks;

/// <summary>
/// A signing secret in the Standard Webhooks format: <c>whsec_</c> and the base64 of 32 random bytes, the HMAC key
/// itself. Kept encrypted (not hashed): the dispatcher must read it back to sign every delivery.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int KeyBytes = 32;

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key a secret stands for.</summary>
    public static byte[] Key(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
    }
}
