using CXGear.Application.Common.Security;

namespace CXGear.Application.Billing.Common;

/// <summary>Razorpay's webhook signature: <c>X-Razorpay-Signature</c> = hex HMAC-SHA256 of the raw body with the webhook secret.</summary>
public static class RazorpaySignature
{
    public const string Header = "X-Razorpay-Signature";

    /// <summary>Razorpay's id of the event, the same on every redelivery.</summary>
    public const string EventIdHeader = "X-Razorpay-Event-Id";

    public static bool IsValid(string? secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && HexHmacSignature.IsValid(secret, body, header);
}
