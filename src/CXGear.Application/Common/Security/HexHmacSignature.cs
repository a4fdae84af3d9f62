using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CXGear.Application.Common.Security;

/// <summary>
/// The inbound-webhook signature both Meta and Razorpay use: the hex HMAC-SHA256 of the raw body, keyed with a shared
/// secret. Checked over the bytes as received (re-serialized JSON would not match) and compared in fixed time; a
/// missing secret, a malformed header or a wrong length is simply not valid.
/// </summary>
public static class HexHmacSignature
{
    public static bool IsValid(string? secret, ReadOnlySpan<byte> body, ReadOnlySpan<char> hex)
    {
        if (string.IsNullOrEmpty(secret) || hex.Length != 2 * HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, given, out _, out var written) != OperationStatus.Done || written != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
