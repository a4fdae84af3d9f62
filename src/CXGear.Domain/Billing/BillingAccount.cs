using CXGear.Domain.Common;
using CXGear.Domain.Organizations;

namespace CXGear.Domain.Billing;

/// <summary>
/// An organization's billing side: where it pays from (country, billing email), its customer at Stripe, and the one
/// subscription that sets its plan, with the provider time of the newest state applied so late events cannot undo it.
/// No card data: the providers' hosted pages take payment.
/// </summary>
public sealed class BillingAccount
{
    public const int MaxEmailLength = 254;
    public const int MaxProviderIdLength = 100;
    public const int MaxStatusLength = 32;
    public const int MaxUrlLength = 2048;

    private BillingAccount()
    {
    }

    /// <summary>One account per organization: the key.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>ISO 3166-1 alpha-2; null until the organization says (counts as international).</summary>
    public string? Country { get; private set; }

    public string? BillingEmail { get; private set; }

    /// <summary>The organization's Stripe customer, created at its first Stripe checkout; webhooks are matched by it.</summary>
    public string? StripeCustomerId { get; private set; }

    /// <summary>
    /// The newest Stripe Checkout Session started for this organization and not yet known to be paid: closed before a
    /// new one opens, so two tabs can never both be paid into two subscriptions.
    /// </summary>
    public string? OpenStripeCheckoutId { get; private set; }

    /// <summary>The provider of <see cref="SubscriptionId"/>.</summary>
    public string? Provider { get; private set; }

    public string? SubscriptionId { get; private set; }

    public PlanId? SubscribedPlan { get; private set; }

    public SubscriptionPhase? Phase { get; private set; }

    /// <summary>The provider's own status word (<c>active</c>, <c>past_due</c>, <c>halted</c>…).</summary>
    public string? Status { get; private set; }

    public DateTime? CurrentPeriodEnd { get; private set; }

    public bool CancelAtPeriodEnd { get; private set; }

    /// <summary>Razorpay's page for the subscription (its <c>short_url</c>): where it is paid and managed.</summary>
    public string? ManageUrl { get; private set; }

    /// <summary>The provider time of the newest subscription state applied; older events are stale.</summary>
    public DateTime? StateAsOf { get; private set; }

    /// <summary>Bumped by every change: two webhooks or checkouts staged at once cannot both save.</summary>
    public int Version { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static BillingAccount Open(Guid organizationId, DateTime now) =>
        new() { OrganizationId = organizationId, UpdatedAt = now };

    /// <summary>The provider this organization's checkout goes through.</summary>
    public string CheckoutProvider => BillingProviders.ForCountry(Country);

    /// <summary>A subscription that is paid or still being retried: another checkout would charge twice.</summary>
    public bool HasLiveSubscription => Phase is SubscriptionPhase.Active or SubscriptionPhase.Grace;

    public void UpdateProfile(string? country, string? billingEmail, DateTime now)
    {
        var code = country is null ? null : Countries.Normalize(country)
            ?? throw new CXGearException(ErrorCodes.ValidationError, "country must be an ISO 3166-1 alpha-2 code, such as US or IN.");
        var email = string.IsNullOrWhiteSpace(billingEmail) ? null : billingEmail.Trim();
        if (email is { Length: > MaxEmailLength })
        {
            throw new CXGearException(ErrorCodes.ValidationError, $"billingEmail is at most {MaxEmailLength} characters.");
        }

        Country = code;
        BillingEmail = email;
        Touch(now);
    }

    public void AttachStripeCustomer(string customerId, DateTime now)
    {
        StripeCustomerId = customerId;
        Touch(now);
    }

    /// <summary>A Stripe Checkout Session was opened; the one before it is closed or was never paid.</summary>
    public void StartStripeCheckout(string sessionId, DateTime now)
    {
        OpenStripeCheckoutId = sessionId;
        Touch(now);
    }

    /// <summary>
    /// A Razorpay subscription created for a checkout: not paid yet, so the plan does not move, but its events now
    /// reach this organization and its link is where the organization pays.
    /// </summary>
    public void StartRazorpaySubscription(string subscriptionId, PlanId plan, string manageUrl, DateTime now)
    {
        Provider = BillingProviders.Razorpay;
        SubscriptionId = subscriptionId;
        SubscribedPlan = plan;
        Phase = SubscriptionPhase.Pending;
        Status = "created";
        CurrentPeriodEnd = null;
        CancelAtPeriodEnd = false;
        ManageUrl = manageUrl;
        Touch(now);
    }

    /// <summary>A pending Razorpay subscription for this plan whose link can still be paid.</summary>
    public bool HasPendingRazorpay(PlanId plan) =>
        Provider == BillingProviders.Razorpay && Phase == SubscriptionPhase.Pending && SubscribedPlan == plan && ManageUrl is not null;

    /// <summary>
    /// Applies a provider's view of a subscription unless it is older than what is on file, and says which plan the
    /// organization is now on (null: the plan does not move). An event for another subscription than the current one
    /// is applied only when that subscription is paid (a new purchase replaces an old one); an ended old one changes nothing.
    /// </summary>
    public (SubscriptionOutcome Outcome, PlanId? Plan) Apply(SubscriptionUpdate update, DateTime now)
    {
        if (StateAsOf is { } asOf && update.OccurredAt < asOf)
        {
            return (SubscriptionOutcome.Stale, null);
        }

        var sameSubscription = update.Provider == Provider && update.SubscriptionId == SubscriptionId;
        if (SubscriptionId is not null && !sameSubscription && update.Phase != SubscriptionPhase.Active)
        {
            return (SubscriptionOutcome.OtherSubscription, null);
        }

        var plan = update.Plan ?? (sameSubscription ? SubscribedPlan : null);
        if (update.Phase == SubscriptionPhase.Active && plan is not (PlanId.Pro or PlanId.Advanced))
        {
            return (SubscriptionOutcome.UnknownPlan, null);
        }

        Provider = update.Provider;
        SubscriptionId = update.SubscriptionId;
        SubscribedPlan = plan;
        Phase = update.Phase;
        Status = update.Status.Length > MaxStatusLength ? update.Status[..MaxStatusLength] : update.Status;
        CurrentPeriodEnd = update.CurrentPeriodEnd ?? (sameSubscription ? CurrentPeriodEnd : null);
        CancelAtPeriodEnd = update.CancelAtPeriodEnd;
        StateAsOf = update.OccurredAt;
        if (update.Phase == SubscriptionPhase.Active)
        {
            // The open checkout was this payment (or is moot now a subscription is live): nothing is left to close.
            OpenStripeCheckoutId = null;
        }

        if (update.Provider != BillingProviders.Razorpay)
        {
            ManageUrl = null;
        }

        Touch(now);
        return update.Phase switch
        {
            SubscriptionPhase.Active => (SubscriptionOutcome.Applied, plan),
            SubscriptionPhase.Ended => (SubscriptionOutcome.Applied, PlanId.Trial),
            _ => (SubscriptionOutcome.Applied, null),
        };
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
