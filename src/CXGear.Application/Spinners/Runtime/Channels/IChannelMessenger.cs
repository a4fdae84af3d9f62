using CXGear.Application.Channels.Common;

namespace CXGear.Application.Spinners.Runtime.Channels;

/// <summary>Sends a message through one of an organization's channels, for one step of one record.</summary>
public interface IChannelMessenger
{
    /// <summary>
    /// Reads the channel as it is now (a deleted channel, or another organization's, is <see cref="ChannelSendOutcome.Unavailable"/>),
    /// decrypts its token and sends; the provider's refusals and failures are outcomes, not exceptions.
    /// </summary>
    Task<ChannelSendResult> SendTemplateAsync(Guid organizationId, Guid channelId, WhatsAppTemplateMessage message, CancellationToken cancellationToken);
}

public enum ChannelSendOutcome
{
    Sent = 0,
    Unavailable = 1,

    /// <summary>The provider refused (4xx), or kept failing (5xx, 429, no answer) through the retries.</summary>
    ProviderError = 2,
}

/// <summary>
/// What a send came to: the provider's message id and the number it was sent from, or the provider's error
/// (<see cref="ProviderCode"/> is Meta's <c>error.code</c>, <see cref="Status"/> the HTTP status, null with no answer).
/// </summary>
public sealed record ChannelSendResult(
    ChannelSendOutcome Outcome, string? MessageId = null, string? From = null, string? ProviderCode = null, int? Status = null, string? Error = null);

/// <summary>A message a record's step sent, written as a <c>ChannelMessage</c> with the record's outcome.</summary>
public sealed record OutboundChannelMessage(Guid ChannelId, string MessageId, string From, string To, string TemplateName, string StepId, DateTime SentAt);
