using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CXGear.Application.Auth.Common;

/// <summary>RFC 7636 with the S256 method: the verifier stays with us, the provider sees only its SHA-256.</summary>
public static class Pkce
{
    public const string Method = "S256";

    /// <summary>43 characters of base64url over 32 random bytes (the RFC asks for 43 to 128).</summary>
    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
