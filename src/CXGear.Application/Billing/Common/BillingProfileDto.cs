namespace CXGear.Application.Billing.Common;

/// <summary>Where the organization pays from; <c>provider</c>: the provider a checkout goes through for this country.</summary>
public sealed record BillingProfileDto(string? Country, string? BillingEmail, string Provider);
