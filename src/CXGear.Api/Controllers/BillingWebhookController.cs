using CXGear.Api.Http;
using CXGear.Api.OpenApi;
using CXGear.Application.Billing.Commands.ReceiveBillingEvent;
using CXGear.Application.Billing.Common;
using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// The payment providers' webhooks (register <c>PUBLIC_API_URL</c> + these paths with Stripe and Razorpay). No API
/// key: each POST is checked by its signature over the raw body. The body is never logged.
/// </summary>
[AllowAnonymous]
[Route("api/v1/public/billing")]
public sealed class BillingWebhookController(ISender sender) : ApiControllerBase
{
    /// <summary>Provider events are small; anything bigger is not one.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// Stripe's events, verified by <c>Stripe-Signature</c> (Stripe.net, webhook secret, 5-minute tolerance): 200 once
    /// taken (a replay too, changing nothing); 400 VALIDATION_ERROR for a missing, wrong or stale signature, and nothing
    /// changes. Checkout completed and subscription events move the organization's plan.
    /// </summary>
    [HttpPost("stripe/webhook")]
    [BodyLimit(MaxBodyBytes)]
    [ProducesErrors(ErrorCodes.ValidationError, ErrorCodes.Conflict, ErrorCodes.PayloadTooLarge)]
    [ProducesResponseType<BillingEventTaken>(StatusCodes.Status200OK)]
    public Task<ActionResult<BillingEventTaken>> Stripe(CancellationToken cancellationToken) =>
        ReceiveAsync(BillingProviders.Stripe, Request.Headers["Stripe-Signature"].FirstOrDefault(), cancellationToken);

    /// <summary>
    /// Razorpay's events, verified by <c>X-Razorpay-Signature</c> (hex HMAC-SHA256 of the raw body with the webhook
    /// secret) and taken once by <c>X-Razorpay-Event-Id</c>: 200 once taken; 400 VALIDATION_ERROR for a missing or
    /// wrong signature, and nothing changes. Subscription events move the organization's plan.
    /// </summary>
    [HttpPost("razorpay/webhook")]
    [BodyLimit(MaxBodyBytes)]
    [ProducesErrors(ErrorCodes.ValidationError, ErrorCodes.Conflict, ErrorCodes.PayloadTooLarge)]
    [ProducesResponseType<BillingEventTaken>(StatusCodes.Status200OK)]
    public Task<ActionResult<BillingEventTaken>> Razorpay(CancellationToken cancellationToken) =>
        ReceiveAsync(BillingProviders.Razorpay, Request.Headers[RazorpaySignature.Header].FirstOrDefault(), cancellationToken);

    private async Task<ActionResult<BillingEventTaken>> ReceiveAsync(string provider, string? signature, CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(Request, MaxBodyBytes, cancellationToken);
        var eventId = Request.Headers[RazorpaySignature.EventIdHeader].FirstOrDefault();
        return await sender.Send(new ReceiveBillingEventCommand(provider, body, signature, eventId), cancellationToken);
    }
}
