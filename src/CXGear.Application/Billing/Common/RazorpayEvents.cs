using System.Security.Cryptography;
using System.Text.Json;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;

namespace CXGear.Application.Billing.Common;

/// <summary>
/// Reads a Razorpay webhook (already verified). The event id comes from <c>X-Razorpay-Event-Id</c>, the same on
/// every redelivery; without the header, the body's SHA-256 stands in (a redelivery repeats the body).
/// </summary>
public static class RazorpayEvents
{
    public static BillingEvent? Read(ReadOnlySpan<byte> body, string? eventIdHeader, RazorpayBillingOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = Json.Text(root, "event");
            var created = Json.UnixTime(root, "created_at");
            if (type is not { Length: > 0 } || created is null)
            {
                return null;
            }

            var id = eventIdHeader is { Length: > 0 and <= BillingEventReceipt.MaxEventIdLength }
                ? eventIdHeader
                : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
            var subscription = Json.Child(Json.Child(Json.Child(root, "payload"), "subscription"), "entity");
            var subscriptionId = Json.Text(subscription, "id");
            if (!type.StartsWith("subscription.", StringComparison.Ordinal) || subscriptionId is null)
            {
                return new BillingEvent(BillingProviders.Razorpay, id, type, created.Value, null, subscriptionId, null, null);
            }

            // Razorpay sends empty notes as [] rather than {}.
            var notes = Json.Child(subscription, "notes");
            var status = Json.Text(subscription, "status") ?? string.Empty;
            var plan = options.Plans.PlanOf(Json.Text(subscription, "plan_id")) ?? (PlanIds.TryParse(Json.Text(notes, "plan"), out var noted) ? noted : null);
            var update = new SubscriptionUpdate(
                BillingProviders.Razorpay, subscriptionId, PhaseOf(status), status, plan, Json.UnixTime(subscription, "current_end"), false, created.Value);
            return new BillingEvent(
                BillingProviders.Razorpay, id, type, created.Value, Json.Text(subscription, "customer_id"), subscriptionId,
                Json.Organization(Json.Text(notes, "organizationId")), update);
        }
    }

    /// <summary>
    /// Razorpay's subscription statuses: <c>pending</c> is the retry period after a failed charge (the plan stays);
    /// <c>halted</c> (retries exhausted), <c>cancelled</c>, <c>completed</c>, <c>expired</c> and <c>paused</c> end it.
    /// </summary>
    private static SubscriptionPhase PhaseOf(string status) => status switch
    {
        "active" => SubscriptionPhase.Active,
        "pending" => SubscriptionPhase.Grace,
        "halted" or "cancelled" or "completed" or "expired" or "paused" => SubscriptionPhase.Ended,
        _ => SubscriptionPhase.Pending,
    };
}
