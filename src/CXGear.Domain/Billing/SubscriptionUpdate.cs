using CXGear.Domain.Organizations;

namespace CXGear.Domain.Billing;

/// <summary>Where a provider's subscription stands, in the terms plans care about.</summary>
public enum SubscriptionPhase
{
    /// <summary>Created, not paid yet (a Razorpay link not yet paid, a Stripe checkout in progress).</summary>
    Pending = 0,

    /// <summary>Paid and current: the organization is on the subscription's plan.</summary>
    Active = 1,

    /// <summary>A renewal failed and the provider is still retrying: the plan stays until the provider gives up.</summary>
    Grace = 2,

    /// <summary>Cancelled at its period end, unpaid after the grace, or completed: back to Trial.</summary>
    Ended = 3,
}

/// <summary>
/// One provider event's view of a subscription. <see cref="OccurredAt"/> is the provider's time of the event, which
/// orders states: an event older than the state already applied is stale and changes nothing.
/// </summary>
public sealed class SubscriptionUpdate(
    string provider,
    string subscriptionId,
    SubscriptionPhase phase,
    string status,
    PlanId? plan,
    DateTime? currentPeriodEnd,
    bool cancelAtPeriodEnd,
    DateTime occurredAt)
{
    public string Provider { get; } = provider;
    public string SubscriptionId { get; } = subscriptionId;
    public SubscriptionPhase Phase { get; } = phase;
    public string Status { get; } = status;

    /// <summary>The plan the provider's price or plan id maps to here; null when it names none of ours.</summary>
    public PlanId? Plan { get; } = plan;

    public DateTime? CurrentPeriodEnd { get; } = currentPeriodEnd;
    public bool CancelAtPeriodEnd { get; } = cancelAtPeriodEnd;
    public DateTime OccurredAt { get; } = occurredAt;
}

/// <summary>What applying an update did.</summary>
public enum SubscriptionOutcome
{
    Applied = 0,

    /// <summary>Older than the state on file (events overtook each other).</summary>
    Stale = 1,

    /// <summary>About a subscription that is not the organization's current one, and not a new paid one.</summary>
    OtherSubscription = 2,

    /// <summary>Active on a price or plan this deployment does not sell.</summary>
    UnknownPlan = 3,
}
