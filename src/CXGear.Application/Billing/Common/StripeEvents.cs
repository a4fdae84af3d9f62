using System.Text.Json;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;

namespace CXGear.Application.Billing.Common;

/// <summary>
/// Reads a Stripe event (already verified) with System.Text.Json rather than Stripe.net's models: only a handful of
/// stable fields matter, and reading them ourselves keeps working whatever API version the webhook endpoint is pinned
/// to (<c>current_period_end</c> moved from the subscription to its items in 2025).
/// </summary>
public static class StripeEvents
{
    public const string CheckoutCompleted = "checkout.session.completed";
    public const string SubscriptionPrefix = "customer.subscription.";

    /// <summary>The event, or null when the body is not a Stripe event at all.</summary>
    public static BillingEvent? Read(string body, StripeBillingOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var id = Json.Text(root, "id");
            var type = Json.Text(root, "type");
            var created = Json.UnixTime(root, "created");
            if (id is not { Length: > 0 } || type is not { Length: > 0 } || created is null)
            {
                return null;
            }

            var item = Json.Child(Json.Child(root, "data"), "object");
            var customer = Json.Text(item, "customer");
            var metadata = Json.Child(item, "metadata");
            if (type == CheckoutCompleted)
            {
                var subscription = Json.Text(item, "subscription");
                var paid = Json.Text(item, "payment_status") is "paid" or "no_payment_required";
                var update = Json.Text(item, "mode") == "subscription" && paid && subscription is not null
                    ? new SubscriptionUpdate(
                        BillingProviders.Stripe, subscription, SubscriptionPhase.Active, "active",
                        PlanIds.TryParse(Json.Text(metadata, "plan"), out var bought) ? bought : null, null, false, created.Value)
                    : null;
                return new BillingEvent(
                    BillingProviders.Stripe, id, type, created.Value, customer, subscription,
                    Json.Organization(Json.Text(item, "client_reference_id"), Json.Text(metadata, "organizationId")), update);
            }

            if (type.StartsWith(SubscriptionPrefix, StringComparison.Ordinal) && Json.Text(item, "id") is { } subscriptionId)
            {
                var status = Json.Text(item, "status") ?? string.Empty;
                var firstItem = Json.Child(Json.Child(item, "items"), "data") is { ValueKind: JsonValueKind.Array } items && items.GetArrayLength() > 0
                    ? items[0]
                    : default;
                var price = Json.Text(Json.Child(firstItem, "price"), "id");
                var plan = options.Prices.PlanOf(price) ?? (PlanIds.TryParse(Json.Text(metadata, "plan"), out var noted) ? noted : null);
                var phase = type == SubscriptionPrefix + "deleted" ? SubscriptionPhase.Ended : PhaseOf(status);
                var periodEnd = Json.UnixTime(item, "current_period_end") ?? Json.UnixTime(firstItem, "current_period_end");
                var update = new SubscriptionUpdate(
                    BillingProviders.Stripe, subscriptionId, phase, status, plan, periodEnd, Json.Flag(item, "cancel_at_period_end"), created.Value);
                return new BillingEvent(
                    BillingProviders.Stripe, id, type, created.Value, customer, subscriptionId, Json.Organization(Json.Text(metadata, "organizationId")), update);
            }

            return new BillingEvent(BillingProviders.Stripe, id, type, created.Value, customer, null, null, null);
        }
    }

    /// <summary>
    /// Stripe's subscription statuses: <c>past_due</c> is the retry period (the plan stays); <c>canceled</c>,
    /// <c>unpaid</c> (retries exhausted), <c>incomplete_expired</c> and <c>paused</c> end the paid plan.
    /// </summary>
    private static SubscriptionPhase PhaseOf(string status) => status switch
    {
        "active" or "trialing" => SubscriptionPhase.Active,
        "past_due" => SubscriptionPhase.Grace,
        "canceled" or "unpaid" or "incomplete_expired" or "paused" => SubscriptionPhase.Ended,
        _ => SubscriptionPhase.Pending,
    };
}
