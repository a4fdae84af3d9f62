using CXGear.Application.Common.Security;

namespace CXGear.Application.Channels.Common;

/// <summary>
/// Meta's webhook signature: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body with the app secret&gt;</c>.
/// </summary>
public static class WhatsAppSignature
{
    public const string Header = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    public static bool IsValid(string? appSecret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && header.StartsWith(Prefix, StringComparison.Ordinal)
        && HexHmacSignature.IsValid(appSecret, body, header.AsSpan(Prefix.Length));
}
