using System.Security.Cryptography;
using System.Text;

namespace CXGear.Application.Billing.Common;

/// <summary>
/// Razorpay's webhook signature: <c>X-Razorpay-Signature</c> = hex HMAC-SHA256 of the raw body with the webhook secret.
/// Checked over the bytes as received, compared in fixed time.
/// </summary>
public static class RazorpaySignature
{
    public const string Header = "X-Razorpay-Signature";

    /// <summary>Razorpay's id of the event, the same on every redelivery.</summary>
    public const string EventIdHeader = "X-Razorpay-Event-Id";

    public static bool IsValid(string? secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null || header.Length != 2 * HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(header, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
