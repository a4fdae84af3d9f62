namespace CXGear.Domain.Webhooks;

/// <summary>One try of a delivery: when, what came back (or why nothing did) and how long it took. The delivery log.</summary>
public sealed class WebhookAttempt
{
    private WebhookAttempt()
    {
    }

    public Guid DeliveryId { get; private set; }
    public int Number { get; private set; }
    public DateTime AttemptedAt { get; private set; }

    /// <summary>Null when no response came (refused, timed out, connection failed).</summary>
    public int? StatusCode { get; private set; }

    public int LatencyMs { get; private set; }
    public string? Error { get; private set; }

    internal static WebhookAttempt Create(Guid deliveryId, int number, int? statusCode, int latencyMs, string? error, DateTime now) => new()
    {
        DeliveryId = deliveryId,
        Number = number,
        AttemptedAt = now,
        StatusCode = statusCode,
        LatencyMs = latencyMs,
        Error = error,
    };
}
