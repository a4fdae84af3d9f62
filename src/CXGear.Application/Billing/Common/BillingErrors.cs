using CXGear.Domain.Common;

namespace CXGear.Application.Billing.Common;

public static class BillingErrors
{
    /// <summary>The provider the organization's country picks is not set up on this deployment.</summary>
    public static CXGearException NotConfigured(string provider, string section) => new(
        ErrorCodes.Conflict,
        $"Checkout through {provider} is not set up on this deployment ({section} is missing); contact support to upgrade.");

    public static CXGearException ProviderFailed(BillingProviderException error) => new(
        ErrorCodes.ProviderError,
        $"The payment provider ({error.Provider}) did not complete the request; try again in a moment.");

    public static CXGearException BadSignature(string header) => new(
        ErrorCodes.ValidationError,
        $"{header} is missing, does not match the body, or is too old.");
}
