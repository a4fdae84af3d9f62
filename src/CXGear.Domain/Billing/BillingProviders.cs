namespace CXGear.Domain.Billing;

/// <summary>
/// The payment providers of self-serve plans, as the wire names them. The organization's billing country picks one:
/// India pays through Razorpay (INR), everyone else through Stripe (USD).
/// </summary>
public static class BillingProviders
{
    public const string Stripe = "stripe";
    public const string Razorpay = "razorpay";

    public const string RazorpayCountry = "IN";

    public static IReadOnlyList<string> All { get; } = [Stripe, Razorpay];

    /// <summary>No country on file counts as international.</summary>
    public static string ForCountry(string? country) =>
        string.Equals(country, RazorpayCountry, StringComparison.OrdinalIgnoreCase) ? Razorpay : Stripe;
}
