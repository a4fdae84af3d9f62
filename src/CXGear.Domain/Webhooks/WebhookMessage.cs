using CXGear.Domain.Common;

namespace CXGear.Domain.Webhooks;

/// <summary>
/// One event as it is sent: the exact body (<c>{id, type, createdAt, organizationId, data}</c>) kept as text, so every
/// attempt and every replay signs and sends the same bytes under the same <see cref="MessageId"/>. Written in the
/// transaction of the change that caused it, with one <see cref="WebhookDelivery"/> per subscribed endpoint.
/// </summary>
public sealed class WebhookMessage
{
    public const string IdPrefix = "msg_";

    private WebhookMessage()
    {
        Type = string.Empty;
        Body = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Type { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string Body { get; private set; }

    /// <summary>The <c>webhook-id</c> header and the body's <c>id</c>: stable across retries and replays.</summary>
    public string MessageId => MessageIdOf(Id);

    public static string MessageIdOf(Guid id) => IdPrefix + id.ToString("N");

    /// <summary>The id comes first because the body, built by the caller, carries it.</summary>
    public static Guid NewId(DateTime now) => Ids.New(now);

    public static WebhookMessage Create(Guid id, Guid organizationId, string type, string body, DateTime now)
    {
        if (!WebhookEventTypes.IsKnown(type))
        {
            throw new ArgumentException($"Unknown webhook event type '{type}'.", nameof(type));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        return new WebhookMessage { Id = id, OrganizationId = organizationId, Type = type, Body = body, CreatedAt = now };
    }
}
