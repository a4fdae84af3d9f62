using CXGear.Domain.Common;

namespace CXGear.Domain.Webhooks;

/// <summary>pending (waiting for its next attempt) → succeeded | failed (the retry window ended, or the endpoint was disabled).</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>
/// One message to one endpoint, and where it stands. The dispatcher claims a due delivery with a conditional UPDATE
/// (<see cref="Claimable"/>, a lease like a job's), sends it, and records the attempt here and in a
/// <see cref="WebhookAttempt"/>. At least once: a crash after the send and before the record sends it again, with the
/// same <c>webhook-id</c>.
/// </summary>
public sealed class WebhookDelivery
{
    public const int MaxErrorLength = 500;

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid MessageId { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>When the next attempt is due; null once the delivery has ended.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    public string? ClaimedBy { get; private set; }
    public DateTime? LeaseUntil { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public int? LastLatencyMs { get; private set; }
    public string? LastError { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    /// <summary>The delivery this one replays, when an owner asked for it again.</summary>
    public Guid? ReplayOf { get; private set; }

    /// <summary>Pending, due, and not held by a live lease: one dispatcher instance wins the conditional UPDATE.</summary>
    public static TimedRule<WebhookDelivery> Claimable { get; } = new((d, now) =>
        d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now));

    public static WebhookDelivery Create(Guid organizationId, Guid endpointId, Guid messageId, DateTime now, Guid? replayOf = null) => new()
    {
        Id = Ids.New(now),
        OrganizationId = organizationId,
        EndpointId = endpointId,
        MessageId = messageId,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
        ReplayOf = replayOf,
    };

    /// <summary>The same message to the same endpoint again, from now, with a retry window of its own.</summary>
    public WebhookDelivery Replay(DateTime now) => Create(OrganizationId, EndpointId, MessageId, now, Id);

    /// <summary>A 2xx: the delivery has ended.</summary>
    public WebhookAttempt Succeeded(int statusCode, int latencyMs, DateTime now)
    {
        var attempt = Attempt(statusCode, latencyMs, null, now);
        Status = WebhookDeliveryStatus.Succeeded;
        NextAttemptAt = null;
        EndedAt = now;
        return attempt;
    }

    /// <summary>Anything else: the next attempt by <see cref="WebhookRetrySchedule"/>, or the end when the window is spent.</summary>
    public WebhookAttempt Failed(int? statusCode, string error, int latencyMs, DateTime now, double random)
    {
        var attempt = Attempt(statusCode, latencyMs, error, now);
        NextAttemptAt = WebhookRetrySchedule.NextAttemptAt(CreatedAt, Attempts, now, random);
        if (NextAttemptAt is null)
        {
            Status = WebhookDeliveryStatus.Failed;
            EndedAt = now;
        }

        return attempt;
    }

    /// <summary>Its endpoint was disabled: no further attempt (a replay after enabling it sends the message again).</summary>
    public void EndWithEndpoint(DateTime now)
    {
        if (Status != WebhookDeliveryStatus.Pending)
        {
            return;
        }

        Status = WebhookDeliveryStatus.Failed;
        NextAttemptAt = null;
        EndedAt = now;
    }

    private WebhookAttempt Attempt(int? statusCode, int latencyMs, string? error, DateTime now)
    {
        if (Status != WebhookDeliveryStatus.Pending)
        {
            throw new CXGearException(ErrorCodes.Conflict, $"Delivery {Id} has already ended.");
        }

        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastLatencyMs = latencyMs;
        LastError = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
        ClaimedBy = null;
        LeaseUntil = null;
        return WebhookAttempt.Create(Id, Attempts, statusCode, latencyMs, LastError, now);
    }
}
