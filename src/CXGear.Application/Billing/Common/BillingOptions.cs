using CXGear.Domain.Organizations;

namespace CXGear.Application.Billing.Common;

/// <summary>A value per self-serve plan (<c>…:Pro</c>, <c>…:Advanced</c>).</summary>
public sealed class PerPlan<T>
{
    public T? Pro { get; set; }
    public T? Advanced { get; set; }

    public T? For(PlanId plan) => plan switch
    {
        PlanId.Pro => Pro,
        PlanId.Advanced => Advanced,
        _ => default,
    };

    /// <summary>The self-serve plan whose value this is (a price id in a webhook), if any.</summary>
    public PlanId? PlanOf(T? value) =>
        value is null ? null
        : EqualityComparer<T>.Default.Equals(value, Pro) ? PlanId.Pro
        : EqualityComparer<T>.Default.Equals(value, Advanced) ? PlanId.Advanced
        : null;
}

/// <summary>
/// <c>Billing:Stripe</c>: the secret key and webhook signing secret of this deployment's Stripe account, the recurring
/// price of each plan (<c>Prices:Pro</c> = <c>price_…</c>), what the plans page shows as their monthly amount in USD,
/// and Stripe's API base (tests point it at a local fake).
/// </summary>
public sealed class StripeBillingOptions
{
    public const string Section = "Billing:Stripe";
    public const string DefaultApiBase = "https://api.stripe.com";
    public const string Currency = "usd";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }
    public string ApiBase { get; set; } = DefaultApiBase;
    public PerPlan<string> Prices { get; set; } = new();
    public PerPlan<decimal?> Amounts { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>
/// <c>Billing:Razorpay</c>: the key pair (basic auth) and webhook secret of this deployment's Razorpay account, the
/// Razorpay plan of each of our plans (<c>Plans:Pro</c> = <c>plan_…</c>), their monthly amount in INR for the plans page,
/// and Razorpay's API base (tests point it at a local fake).
/// </summary>
public sealed class RazorpayBillingOptions
{
    public const string Section = "Billing:Razorpay";
    public const string DefaultApiBase = "https://api.razorpay.com";
    public const string Currency = "inr";

    /// <summary>
    /// Billing cycles a subscription is created for (Razorpay needs a count): ten years of months; the organization
    /// cancels sooner from the subscription's page.
    /// </summary>
    public const int TotalCount = 120;

    public string? KeyId { get; set; }
    public string? KeySecret { get; set; }
    public string? WebhookSecret { get; set; }
    public string ApiBase { get; set; } = DefaultApiBase;
    public PerPlan<string> Plans { get; set; } = new();
    public PerPlan<decimal?> Amounts { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(KeyId) && !string.IsNullOrWhiteSpace(KeySecret);
}
