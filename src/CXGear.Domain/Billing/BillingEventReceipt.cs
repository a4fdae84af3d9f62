using CXGear.Domain.Common;

namespace CXGear.Domain.Billing;

/// <summary>
/// A provider webhook event taken in, by the provider's event id (unique per provider): a redelivery finds it and
/// changes nothing. Kept whatever the event did, so the outcome can be read when a payment and a plan disagree.
/// </summary>
public sealed class BillingEventReceipt
{
    public const int MaxEventIdLength = 100;
    public const int MaxTypeLength = 64;
    public const int MaxOutcomeLength = 32;

    private BillingEventReceipt()
    {
        Provider = string.Empty;
        EventId = string.Empty;
        Type = string.Empty;
        Outcome = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Provider { get; private set; }
    public string EventId { get; private set; }
    public string Type { get; private set; }

    /// <summary>The organization the event was matched to; null when it matched none.</summary>
    public Guid? OrganizationId { get; private set; }

    /// <summary>See <see cref="BillingEventOutcomes"/>.</summary>
    public string Outcome { get; private set; }

    /// <summary>The provider's time of the event.</summary>
    public DateTime OccurredAt { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public static BillingEventReceipt Take(string provider, string eventId, string type, Guid? organizationId, string outcome, DateTime occurredAt, DateTime now) => new()
    {
        Id = Ids.New(now),
        Provider = provider,
        EventId = eventId.Length > MaxEventIdLength ? eventId[..MaxEventIdLength] : eventId,
        Type = type.Length > MaxTypeLength ? type[..MaxTypeLength] : type,
        OrganizationId = organizationId,
        Outcome = outcome,
        OccurredAt = occurredAt,
        ReceivedAt = now,
    };
}

public static class BillingEventOutcomes
{
    public const string Applied = "applied";
    public const string Stale = "stale";
    public const string OtherSubscription = "other_subscription";
    public const string UnknownPlan = "unknown_plan";

    /// <summary>A type we do not act on (invoices, payments): acknowledged so the provider stops sending it.</summary>
    public const string Ignored = "ignored";

    /// <summary>No organization holds the customer or subscription, or the event's own organization id names another one.</summary>
    public const string Unmatched = "unmatched";

    public static string Of(SubscriptionOutcome outcome) => outcome switch
    {
        SubscriptionOutcome.Applied => Applied,
        SubscriptionOutcome.Stale => Stale,
        SubscriptionOutcome.OtherSubscription => OtherSubscription,
        _ => UnknownPlan,
    };
}
