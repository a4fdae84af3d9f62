using Microsoft.Extensions.Options;

namespace CXGear.Application.Channels.Common;

/// <summary>
/// This deployment's check of Meta's webhook signatures (<see cref="WhatsAppSignature"/> with
/// <c>Channels:WhatsApp:AppSecret</c>). The route checks it before anything else runs, so an unsigned flood costs an
/// HMAC per request and nothing more; the use case checks it again before storing.
/// </summary>
public sealed class WhatsAppWebhookSignatures(IOptions<WhatsAppOptions> options)
{
    public const string RefusalMessage = $"{WhatsAppSignature.Header} is missing or does not match the body.";

    public bool Verify(ReadOnlySpan<byte> body, string? header) => WhatsAppSignature.IsValid(options.Value.AppSecret, body, header);
}
