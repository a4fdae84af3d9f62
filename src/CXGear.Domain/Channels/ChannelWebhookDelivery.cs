using CXGear.Domain.Common;

namespace CXGear.Domain.Channels;

/// <summary>
/// One webhook POST as Meta sent it, stored once its signature checked out and applied later by the background
/// applier, so the POST answers as soon as the body is safe. A delivery that names a message not written yet (a status
/// can overtake the job's flush) is tried again for <see cref="PendingWindow"/>.
/// </summary>
public sealed class ChannelWebhookDelivery
{
    public const int MaxBodyBytes = 3 * 1024 * 1024;
    public const int MaxOutcomeLength = 32;

    /// <summary>How long a delivery waits for the messages it names; after it the rest is given up as not ours.</summary>
    public static readonly TimeSpan PendingWindow = TimeSpan.FromMinutes(10);

    /// <summary>A delivery whose apply keeps throwing is given up after this many tries (and logged).</summary>
    public const int MaxAttempts = 10;

    private ChannelWebhookDelivery()
    {
        Kind = ChannelKinds.WhatsApp;
        Body = string.Empty;
    }

    /// <summary>Given by the database in insertion order, so deliveries are applied in the order they arrived.</summary>
    public long Id { get; private set; }

    public string Kind { get; private set; }
    public string Body { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? ProcessedAt { get; private set; }

    /// <summary>See <see cref="DeliveryOutcomes"/>.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Due for (another) apply at <c>now</c>.</summary>
    public static TimedRule<ChannelWebhookDelivery> Due { get; } = new((d, now) => d.ProcessedAt == null && d.NextAttemptAt <= now);

    public static ChannelWebhookDelivery Receive(string body, DateTime now) =>
        new() { Body = body, ReceivedAt = now, NextAttemptAt = now };

    public bool MayStillWait(DateTime now) => now - ReceivedAt < PendingWindow && Attempts + 1 < MaxAttempts;

    /// <summary>Done with it: applied, ignored, or given up.</summary>
    public void Finish(string outcome, DateTime now)
    {
        Attempts++;
        ProcessedAt = now;
        Outcome = outcome;
    }

    /// <summary>Try again later: 1, 2, 4… seconds, at most a minute apart.</summary>
    public void Postpone(DateTime now)
    {
        Attempts++;
        NextAttemptAt = now + TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Attempts - 1)));
    }
}

public static class DeliveryOutcomes
{
    public const string Applied = "applied";

    /// <summary>Not a WhatsApp Business account event, or about a phone number no organization holds.</summary>
    public const string Ignored = "ignored";

    /// <summary>Statuses of messages that never appeared here (sent from the number by other software).</summary>
    public const string Unmatched = "unmatched";

    public const string Invalid = "invalid";

    public const string Failed = "failed";
}
