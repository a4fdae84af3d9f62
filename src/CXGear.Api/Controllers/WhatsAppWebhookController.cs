using CXGear.Api.Errors;
using CXGear.Api.Http;
using CXGear.Api.OpenApi;
using CXGear.Application.Channels.Commands.ReceiveWhatsAppWebhook;
using CXGear.Application.Channels.Common;
using CXGear.Application.Channels.Queries.GetWhatsAppWebhookChallenge;
using CXGear.Application.Channels.Webhooks;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Meta's webhook for WhatsApp (register <c>PUBLIC_API_URL</c> + this path with the Meta app). No API key: the GET is
/// checked against <c>Channels:WhatsApp:VerifyToken</c>, each POST by its <c>X-Hub-Signature-256</c> over the raw
/// body. Not rate limited (see docs/api.md#rate-limits); the body is never logged.
/// </summary>
[AllowAnonymous]
[Route("api/v1/public/channels/whatsapp/webhook")]
public sealed class WhatsAppWebhookController(ISender sender, ChannelWebhookSignal signal, WhatsAppWebhookSignatures signatures) : ApiControllerBase
{
    /// <summary>Meta verifying the URL: the challenge as text/plain when the verify token matches, else 403.</summary>
    /// <param name="mode">Always <c>subscribe</c>.</param>
    /// <param name="verifyToken">Must equal <c>Channels:WhatsApp:VerifyToken</c>.</param>
    /// <param name="challenge">Echoed back.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpGet]
    [Produces("text/plain")]
    [ProducesErrors(ErrorCodes.Forbidden)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/plain")]
    public async Task<IActionResult> Verify(
        [FromQuery(Name = "hub.mode")] string? mode,
        [FromQuery(Name = "hub.verify_token")] string? verifyToken,
        [FromQuery(Name = "hub.challenge")] string? challenge,
        CancellationToken cancellationToken) =>
        Content(await sender.Send(new GetWhatsAppWebhookChallengeQuery(mode, verifyToken, challenge), cancellationToken), "text/plain");

    /// <summary>
    /// Meta's events (statuses, inbound messages). A body signed with the app secret is stored and answered 200 at
    /// once; events are applied in the background, idempotently. Missing or wrong signature: 401 UNAUTHENTICATED and
    /// nothing is stored. At most 3 MB.
    /// </summary>
    [HttpPost]
    [BodyLimit(ChannelWebhookDelivery.MaxBodyBytes)]
    [ProducesErrors(ErrorCodes.Unauthenticated, ErrorCodes.PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public async Task<IActionResult> Receive(CancellationToken cancellationToken)
    {
        var body = await RawBody.ReadAsync(Request, ChannelWebhookDelivery.MaxBodyBytes, cancellationToken);
        var signature = Request.Headers[WhatsAppSignature.Header].FirstOrDefault();

        // Refused here, without an exception through the pipeline: an unsigned flood then costs an HMAC per request.
        if (!signatures.Verify(body.Span, signature))
        {
            await Problems.WriteAsync(HttpContext, new CXGearException(ErrorCodes.Unauthenticated, WhatsAppWebhookSignatures.RefusalMessage));
            return new EmptyResult();
        }

        await sender.Send(new ReceiveWhatsAppWebhookCommand(body, signature), cancellationToken);
        signal.Notify();
        return Ok();
    }
}
