using CXGear.Domain.Channels;

namespace CXGear.Application.Channels.Common;

/// <summary>
/// The Meta Graph API calls a WhatsApp channel needs. Implemented in Infrastructure over a typed HttpClient whose
/// resilience pipeline retries 5xx, 408, 429 and network errors; what still fails is a <see cref="WhatsAppGraphException"/>.
/// </summary>
public interface IWhatsAppGraph
{
    /// <summary>The business's access token for an authorization code (<c>oauth/access_token</c>).</summary>
    Task<string> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken);

    /// <summary>The WhatsApp Business accounts the token was granted (<c>debug_token</c>'s granular scopes).</summary>
    Task<IReadOnlyList<string>> ListBusinessAccountIdsAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>The phone numbers of one business account (<c>{wabaId}/phone_numbers</c>).</summary>
    Task<IReadOnlyList<WhatsAppNumber>> ListPhoneNumbersAsync(string wabaId, string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes this Meta app to the business account's webhooks (<c>{wabaId}/subscribed_apps</c>): without it Meta
    /// sends no statuses or messages of that account to our webhook.
    /// </summary>
    Task SubscribeAppAsync(string wabaId, string accessToken, CancellationToken cancellationToken);

    /// <summary>Sends a template message from the number (<c>{phoneNumberId}/messages</c>); the answer is Meta's message id.</summary>
    Task<string> SendTemplateAsync(string phoneNumberId, string accessToken, WhatsAppTemplateMessage message, CancellationToken cancellationToken);
}

/// <summary>A template message to one recipient, its body parameters already rendered.</summary>
public sealed record WhatsAppTemplateMessage(string To, string TemplateName, string Language, IReadOnlyList<string> Parameters);

/// <summary>
/// A Graph API call that failed for good: a 4xx (<see cref="IsRejection"/>, with Meta's error code), or a 5xx, 429 or
/// network failure after the retries. The message is Meta's text, cut short; it never carries a token.
/// </summary>
public sealed class WhatsAppGraphException(int? status, string? providerCode, string message) : Exception(message)
{
    public const int MaxMessageLength = 300;

    /// <summary>The HTTP status, null when no response came.</summary>
    public int? Status { get; } = status;

    /// <summary>Meta's <c>error.code</c> (e.g. <c>131030</c>), when the response had one.</summary>
    public string? ProviderCode { get; } = providerCode;

    /// <summary>Meta refused the request itself: asking again the same way fails the same way.</summary>
    public bool IsRejection => Status is >= 400 and < 500 and not 408 and not 429;
}
