using System.Security.Cryptography;
using System.Text;
using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Channels.Queries.GetWhatsAppWebhookChallenge;

/// <summary>
/// <c>GET /public/channels/whatsapp/webhook</c>: Meta verifying the webhook URL. The challenge is answered only to
/// <c>hub.mode=subscribe</c> with <c>hub.verify_token</c> equal to <c>Channels:WhatsApp:VerifyToken</c> (fixed-time
/// compare); anything else, and a deployment without a verify token, is 403.
/// </summary>
public sealed record GetWhatsAppWebhookChallengeQuery(string? Mode, string? VerifyToken, string? Challenge) : IQuery<string>, IAllowAnonymous;

public sealed class GetWhatsAppWebhookChallengeHandler(IOptions<WhatsAppOptions> options) : IQueryHandler<GetWhatsAppWebhookChallengeQuery, string>
{
    /// <summary>Meta's challenges are short numbers; nothing longer is echoed.</summary>
    private const int MaxChallengeLength = 128;

    public ValueTask<string> Handle(GetWhatsAppWebhookChallengeQuery query, CancellationToken cancellationToken)
    {
        var expected = options.Value.VerifyToken;
        var matches = !string.IsNullOrEmpty(expected) && query.VerifyToken is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(query.VerifyToken));
        if (query.Mode != "subscribe" || !matches || query.Challenge is not { Length: > 0 and <= MaxChallengeLength } challenge)
        {
            throw new CXGearException(ErrorCodes.Forbidden, "The webhook verification does not match this deployment's verify token.");
        }

        return ValueTask.FromResult(challenge);
    }
}
