using CXGear.Api.OpenApi;
using CXGear.Application.Billing.Commands.OpenBillingPortal;
using CXGear.Application.Billing.Commands.StartCheckout;
using CXGear.Application.Billing.Commands.UpdateBillingProfile;
using CXGear.Application.Billing.Common;
using CXGear.Application.Billing.Queries.GetBilling;
using CXGear.Application.Billing.Queries.GetBillingPlans;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>The organization's plan and meters, and self-serve plans through Stripe or Razorpay (<c>billing.read</c>).</summary>
[Authorize]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class BillingController(ISender sender) : ApiControllerBase
{
    /// <summary>
    /// The plan, every meter's used / limit / remaining (<c>billing.read</c>; limit null = unlimited), the billing
    /// profile, the self-serve subscription and the latest plan changes (with the provider event behind each).
    /// </summary>
    [HttpGet("billing")]
    [ProducesResponseType<BillingDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BillingDto>> Get(CancellationToken cancellationToken) =>
        await sender.Send(new GetBillingQuery(), cancellationToken);

    /// <summary>
    /// Every plan with its limits and its monthly price at each provider set up here (<c>billing.read</c>): Pro and
    /// Advanced by checkout, Enterprise by contacting sales.
    /// </summary>
    [HttpGet("billing/plans")]
    [ProducesResponseType<BillingPlansDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BillingPlansDto>> Plans(CancellationToken cancellationToken) =>
        await sender.Send(new GetBillingPlansQuery(), cancellationToken);

    /// <summary>
    /// Sets the billing country (ISO 3166-1 alpha-2; <c>IN</c> checks out through Razorpay in INR, any other or none
    /// through Stripe in USD) and billing email (<c>billing.read</c>). Null clears a field.
    /// </summary>
    [HttpPut("billing/profile")]
    [ProducesErrors(ErrorCodes.ValidationError)]
    [ProducesResponseType<BillingProfileDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BillingProfileDto>> UpdateProfile(UpdateBillingProfileRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new UpdateBillingProfileCommand(request.Country, request.BillingEmail), cancellationToken);

    /// <summary>
    /// Starts paying for <c>pro</c> or <c>advanced</c> (<c>billing.read</c>): send the browser to <c>url</c>, the
    /// provider's hosted checkout (Stripe Checkout, or the Razorpay subscription's page). The plan changes when the
    /// provider's webhook confirms the payment. Enterprise is 400 (contact us). 409 CONFLICT when a subscription is
    /// already live (use the portal) or the provider is not set up here; 502 PROVIDER_ERROR when the provider fails.
    /// </summary>
    [HttpPost("billing/checkout")]
    [ProducesErrors(ErrorCodes.ValidationError, ErrorCodes.Conflict, ErrorCodes.ProviderError)]
    [ProducesResponseType<CheckoutStart>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CheckoutStart>> Checkout(StartCheckoutRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new StartCheckoutCommand(request.Plan), cancellationToken);

    /// <summary>
    /// Where the subscription is managed (<c>billing.read</c>): a Stripe customer portal session returning to the
    /// billing page, or the Razorpay subscription's page. 409 CONFLICT before any checkout.
    /// </summary>
    [HttpPost("billing/portal")]
    [ProducesErrors(ErrorCodes.Conflict, ErrorCodes.ProviderError)]
    [ProducesResponseType<BillingPortalLink>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BillingPortalLink>> Portal(CancellationToken cancellationToken) =>
        await sender.Send(new OpenBillingPortalCommand(), cancellationToken);
}

/// <summary>The body of <c>PUT /billing/profile</c>.</summary>
public sealed record UpdateBillingProfileRequest(string? Country, string? BillingEmail);

/// <summary>The body of <c>POST /billing/checkout</c>: <c>pro</c> or <c>advanced</c>.</summary>
public sealed record StartCheckoutRequest(string? Plan);
