using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CXGear.Application.Common.Security;

/// <summary>
/// Random bearer secrets (refresh and reset tokens). Only the SHA-256 is stored: the secrets carry
/// 256 bits of entropy, so a plain hash is enough (no salt or slow hash needed) and lookups stay indexed.
/// </summary>
public static class OpaqueTokens
{
    public const int MaxLength = 200;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] HashBytes(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string Hash(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash);
    }
}
