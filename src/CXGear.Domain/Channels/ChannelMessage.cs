using CXGear.Domain.Common;

namespace CXGear.Domain.Channels;

/// <summary>
/// A message through a channel: outbound ones the runtime sent (with the job, record and step that sent them), inbound
/// ones customers sent. <see cref="ProviderMessageId"/> (Meta's <c>wamid</c>) is unique per channel, which is what
/// makes a redelivered webhook event harmless.
/// </summary>
public sealed class ChannelMessage
{
    public const int MaxProviderMessageIdLength = 256;
    public const int MaxAddressLength = 32;
    public const int MaxTypeLength = 32;
    public const int MaxTemplateNameLength = 512;
    public const int MaxTextLength = 4_096;
    public const int MaxErrorLength = 500;
    public const int MaxStepIdLength = 64;

    private ChannelMessage()
    {
        ProviderMessageId = string.Empty;
        From = string.Empty;
        To = string.Empty;
        Type = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid ChannelId { get; private set; }
    public MessageDirection Direction { get; private set; }
    public string ProviderMessageId { get; private set; }
    public string From { get; private set; }
    public string To { get; private set; }

    /// <summary><c>template</c> for what the runtime sends; for inbound messages Meta's type (<c>text</c>, <c>image</c>…).</summary>
    public string Type { get; private set; }

    public string? TemplateName { get; private set; }

    /// <summary>An inbound text message's body, cut at <see cref="MaxTextLength"/>.</summary>
    public string? Text { get; private set; }

    public MessageStatus Status { get; private set; }
    public DateTime StatusAt { get; private set; }

    /// <summary>Meta's error code and title when the message failed.</summary>
    public string? Error { get; private set; }

    public Guid? JobId { get; private set; }
    public Guid? RecordId { get; private set; }
    public string? StepId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static ChannelMessage Outbound(
        Guid organizationId, Guid channelId, string providerMessageId, string from, string to, string templateName,
        Guid jobId, Guid recordId, string stepId, DateTime sentAt) =>
        new()
        {
            Id = Ids.New(sentAt),
            OrganizationId = organizationId,
            ChannelId = channelId,
            Direction = MessageDirection.Outbound,
            ProviderMessageId = Cut(providerMessageId, MaxProviderMessageIdLength)!,
            From = Cut(from, MaxAddressLength)!,
            To = Cut(to, MaxAddressLength)!,
            Type = "template",
            TemplateName = Cut(templateName, MaxTemplateNameLength),
            Status = MessageStatus.Accepted,
            StatusAt = sentAt,
            JobId = jobId,
            RecordId = recordId,
            StepId = Cut(stepId, MaxStepIdLength),
            CreatedAt = sentAt,
        };

    public static ChannelMessage Inbound(
        Guid organizationId, Guid channelId, string providerMessageId, string from, string to, string type, string? text, DateTime sentAt, DateTime now) =>
        new()
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            ChannelId = channelId,
            Direction = MessageDirection.Inbound,
            ProviderMessageId = Cut(providerMessageId, MaxProviderMessageIdLength)!,
            From = Cut(from, MaxAddressLength)!,
            To = Cut(to, MaxAddressLength)!,
            Type = Cut(string.IsNullOrEmpty(type) ? "unknown" : type, MaxTypeLength)!,
            Text = Cut(text, MaxTextLength),
            Status = MessageStatus.Received,
            StatusAt = sentAt,
            CreatedAt = now,
        };

    /// <summary>
    /// Statuses only move forward: accepted → sent → delivered → read, and failed ends it from anywhere. A status the
    /// message already has or has passed changes nothing, so a redelivered or late event is harmless. True when the
    /// message changed (and a journey line is due).
    /// </summary>
    public bool AdvanceTo(MessageStatus status, DateTime at, string? error)
    {
        if (Direction != MessageDirection.Outbound || status is MessageStatus.Accepted or MessageStatus.Received
            || Status == MessageStatus.Failed || (status != MessageStatus.Failed && Rank(status) <= Rank(Status)))
        {
            return false;
        }

        Status = status;
        StatusAt = at;
        Error = status == MessageStatus.Failed ? Cut(error ?? "The provider reported a failure.", MaxErrorLength) : null;
        return true;
    }

    private static int Rank(MessageStatus status) => status switch
    {
        MessageStatus.Accepted => 0,
        MessageStatus.Sent => 1,
        MessageStatus.Delivered => 2,
        MessageStatus.Read => 3,
        _ => 4,
    };

    private static string? Cut(string? text, int max) => text is { Length: > 0 } && text.Length > max ? text[..max] : text;
}

public enum MessageDirection
{
    Outbound = 0,
    Inbound = 1,
}

/// <summary>Wire names: lower case (<c>accepted</c>, <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>, <c>received</c>).</summary>
public enum MessageStatus
{
    /// <summary>Meta took the send request; no status event yet.</summary>
    Accepted = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,

    /// <summary>An inbound message.</summary>
    Received = 5,
}
