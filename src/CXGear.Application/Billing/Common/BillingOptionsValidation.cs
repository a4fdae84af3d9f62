using Microsoft.Extensions.Options;

namespace CXGear.Application.Billing.Common;

/// <summary>
/// Checked at start (Program validates options before the database is touched): a provider is either not set up at
/// all, or set up whole. Half a setup (a key without a webhook secret or a plan's price) would take payments that
/// never change a plan, or refuse checkouts at run time.
/// </summary>
public sealed class StripeBillingOptionsValidation : IValidateOptions<StripeBillingOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeBillingOptions options)
    {
        var failures = new List<string>();
        BillingOptionsRules.CheckApiBase(StripeBillingOptions.Section, options.ApiBase, failures);
        BillingOptionsRules.CheckAmounts(StripeBillingOptions.Section, options.Amounts, failures);
        if (options.IsConfigured)
        {
            BillingOptionsRules.Require(StripeBillingOptions.Section, "WebhookSecret", options.WebhookSecret, failures);
            BillingOptionsRules.Require(StripeBillingOptions.Section, "Prices:Pro", options.Prices.Pro, failures);
            BillingOptionsRules.Require(StripeBillingOptions.Section, "Prices:Advanced", options.Prices.Advanced, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public sealed class RazorpayBillingOptionsValidation : IValidateOptions<RazorpayBillingOptions>
{
    public ValidateOptionsResult Validate(string? name, RazorpayBillingOptions options)
    {
        var failures = new List<string>();
        BillingOptionsRules.CheckApiBase(RazorpayBillingOptions.Section, options.ApiBase, failures);
        BillingOptionsRules.CheckAmounts(RazorpayBillingOptions.Section, options.Amounts, failures);
        if (!string.IsNullOrWhiteSpace(options.KeyId) || !string.IsNullOrWhiteSpace(options.KeySecret))
        {
            BillingOptionsRules.Require(RazorpayBillingOptions.Section, "KeyId", options.KeyId, failures);
            BillingOptionsRules.Require(RazorpayBillingOptions.Section, "KeySecret", options.KeySecret, failures);
            BillingOptionsRules.Require(RazorpayBillingOptions.Section, "WebhookSecret", options.WebhookSecret, failures);
            BillingOptionsRules.Require(RazorpayBillingOptions.Section, "Plans:Pro", options.Plans.Pro, failures);
            BillingOptionsRules.Require(RazorpayBillingOptions.Section, "Plans:Advanced", options.Plans.Advanced, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class BillingOptionsRules
{
    public static void CheckApiBase(string section, string? apiBase, List<string> failures)
    {
        if (!Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{section}:ApiBase must be an absolute http(s) URL.");
        }
    }

    public static void CheckAmounts(string section, PerPlan<decimal?> amounts, List<string> failures)
    {
        if (amounts.Pro is < 0 || amounts.Advanced is < 0)
        {
            failures.Add($"{section}:Amounts cannot be negative.");
        }
    }

    public static void Require(string section, string key, string? value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{section}:{key} is required when {section} is set up.");
        }
    }
}
