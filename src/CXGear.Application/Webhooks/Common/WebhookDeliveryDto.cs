namespace CXGear.Application.Webhooks.Common;

/// <summary>
/// One message to one endpoint: its <c>webhook-id</c> (<c>eventId</c>) and type, where it stands, and every attempt
/// (status code or error, latency). <c>nextAttemptAt</c> is null once it has ended; <c>replayOf</c> names the
/// delivery a replay repeats.
/// </summary>
public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid EndpointId,
    string EventId,
    string EventType,
    string Status,
    int Attempts,
    DateTime? NextAttemptAt,
    int? LastStatusCode,
    int? LastLatencyMs,
    string? LastError,
    DateTime CreatedAt,
    DateTime? EndedAt,
    Guid? ReplayOf,
    IReadOnlyList<WebhookAttemptDto> AttemptLog);

/// <summary>One try: when, the receiver's status code (null when none came), the time it took, and the error.</summary>
public sealed record WebhookAttemptDto(int Number, DateTime AttemptedAt, int? StatusCode, int LatencyMs, string? Error);
