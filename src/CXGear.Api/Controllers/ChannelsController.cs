using CXGear.Api.OpenApi;
using CXGear.Application.Channels.Commands.CompleteWhatsAppConnection;
using CXGear.Application.Channels.Commands.ConnectWhatsApp;
using CXGear.Application.Channels.Commands.DeleteChannel;
using CXGear.Application.Channels.Common;
using CXGear.Application.Channels.Queries.ListChannelMessages;
using CXGear.Application.Channels.Queries.ListChannels;
using CXGear.Application.Common.Paging;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// The organization's messaging channels: WhatsApp numbers connected through Meta (<c>integrations.read</c> /
/// <c>integrations.write</c>, one Channels meter unit each). No route returns a channel's token.
/// </summary>
[Authorize]
[Route("api/v1/channels")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class ChannelsController(ISender sender, IWebAppLinks links) : ApiControllerBase
{
    /// <summary>Every channel of the organization, in the order they were first connected (<c>integrations.read</c>).</summary>
    [HttpGet]
    [ProducesResponseType<ChannelList>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ChannelList>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListChannelsQuery(), cancellationToken);

    /// <summary>
    /// Disconnects the channel (<c>integrations.write</c>): its token and messages are deleted and its Channels unit is
    /// freed. Spinners that still send through it fail those records with CHANNEL_UNAVAILABLE.
    /// </summary>
    [HttpDelete("{id:guid}")]
    [ProducesErrors(ErrorCodes.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteChannelCommand(id), cancellationToken);
        return NoContent();
    }

    /// <summary>
    /// The channel's messages, newest first (<c>integrations.read</c>): outbound ones with their delivery status
    /// (<c>accepted</c>, <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>) and the job and record that sent them;
    /// inbound ones (<c>received</c>) with their text when they are text.
    /// </summary>
    [HttpGet("{id:guid}/messages")]
    [ProducesErrors(ErrorCodes.NotFound)]
    [ProducesResponseType<PagedResult<ChannelMessageDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<ChannelMessageDto>>> Messages(
        Guid id, [FromQuery] int page = 1, [FromQuery] int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default) =>
        await sender.Send(new ListChannelMessagesQuery(id, page, pageSize), cancellationToken);

    /// <summary>
    /// Starts connecting a WhatsApp Business account (<c>integrations.write</c>): send the browser to
    /// <c>authorizeUrl</c>; Meta brings it back to the callback, which redirects to the web app's integrations page.
    /// The state is single use and lives 10 minutes. 409 CONFLICT when WhatsApp is not set up here, or in production
    /// when PUBLIC_API_URL (the base of the callback URL) is not set.
    /// </summary>
    [HttpPost("whatsapp/connect")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<WhatsAppConnectStart>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WhatsAppConnectStart>> ConnectWhatsApp(CancellationToken cancellationToken) =>
        await sender.Send(new ConnectWhatsAppCommand(), cancellationToken);

    /// <summary>
    /// Meta's redirect after the business approved (or cancelled) the connection; no credential but the state. Always
    /// a 302 to <c>{WebApp:BaseUrl}/integrations/whatsapp</c> with <c>status=connected</c>, or <c>status=error</c> and
    /// a <c>reason</c>: ACCESS_DENIED, STATE_UNKNOWN, STATE_USED, STATE_EXPIRED, STATE_MISMATCH, PROVIDER_ERROR,
    /// NO_PHONE_NUMBERS, PHONE_NUMBER_IN_USE, PLAN_LIMIT (or another error code).
    /// </summary>
    /// <param name="code">The authorization code Meta issued.</param>
    /// <param name="state">The state <c>POST /channels/whatsapp/connect</c> returned.</param>
    /// <param name="wabaId">The business account, when Embedded Signup names it.</param>
    /// <param name="error">Set by Meta when the dialog was cancelled or failed.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [AllowAnonymous]
    [HttpGet("whatsapp/oauth/callback")]
    [ProducesResponseType(StatusCodes.Status302Found)]
    public async Task<IActionResult> WhatsAppCallback(
        [FromQuery] string? code, [FromQuery] string? state, [FromQuery(Name = "waba_id")] string? wabaId, [FromQuery] string? error, CancellationToken cancellationToken)
    {
        string? reason = null;
        try
        {
            await sender.Send(new CompleteWhatsAppConnectionCommand(code, state, wabaId, error), cancellationToken);
        }
        catch (CXGearException refused)
        {
            reason = ConnectionRefused.ReasonOf(refused);
        }

        return Redirect(links.ChannelConnection(ChannelKinds.WhatsApp, reason));
    }
}
