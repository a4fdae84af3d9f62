namespace CXGear.Application.Billing.Common;

/// <summary>
/// Stripe, through Stripe.net on <c>Billing:Stripe:ApiBase</c>. What fails is a <see cref="BillingProviderException"/>.
/// </summary>
public interface IStripeBilling
{
    /// <summary>Creates the organization's customer (once: the request is idempotent per organization); its id.</summary>
    Task<string> CreateCustomerAsync(Guid organizationId, string organizationName, string? email, CancellationToken cancellationToken);

    /// <summary>A Checkout Session in subscription mode: its id and the URL of Stripe's hosted page.</summary>
    Task<StripeCheckout> CreateCheckoutAsync(StripeCheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure an earlier Checkout Session can no longer be paid: an open one is expired, an expired one is left.
    /// False when it was already paid (its subscription exists at Stripe, though its event may not have reached us).
    /// </summary>
    Task<bool> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>A customer portal session; its URL.</summary>
    Task<string> CreatePortalAsync(string customerId, string returnUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <c>Stripe-Signature</c> signs this body with the webhook secret and is at most five minutes old at
    /// <paramref name="now"/> (Stripe.net's verification).
    /// </summary>
    bool IsSignedWebhook(string body, string? signatureHeader, DateTimeOffset now);
}

public sealed record StripeCheckout(string Id, string Url);

public sealed record StripeCheckoutRequest(string CustomerId, string PriceId, Guid OrganizationId, string Plan, string SuccessUrl, string CancelUrl);

/// <summary>Razorpay's REST API on <c>Billing:Razorpay:ApiBase</c> with the key pair. What fails is a <see cref="BillingProviderException"/>.</summary>
public interface IRazorpayBilling
{
    /// <summary>Creates a subscription to the Razorpay plan, noting our organization and plan on it.</summary>
    Task<RazorpaySubscription> CreateSubscriptionAsync(string razorpayPlanId, Guid organizationId, string plan, CancellationToken cancellationToken);

    /// <summary>Cancels a subscription (one never paid, replaced by a checkout for another plan).</summary>
    Task CancelSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);
}

/// <summary>A created subscription: its id and the page where it is paid (<c>short_url</c>).</summary>
public sealed record RazorpaySubscription(string Id, string ShortUrl);

/// <summary>A provider call that failed for good: refused (4xx), or no answer after the retries. Never carries a key.</summary>
public sealed class BillingProviderException(string provider, int? status, string message) : Exception(message)
{
    public string Provider { get; } = provider;

    public int? Status { get; } = status;
}
