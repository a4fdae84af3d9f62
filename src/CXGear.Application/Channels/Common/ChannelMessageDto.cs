using System.Linq.Expressions;
using CXGear.Domain.Channels;

namespace CXGear.Application.Channels.Common;

/// <summary>One message of a channel, either way, with its delivery status (wire names lower case).</summary>
public sealed record ChannelMessageDto(
    Guid Id,
    string Direction,
    string ProviderMessageId,
    string From,
    string To,
    string Type,
    string? TemplateName,
    string? Text,
    string Status,
    DateTime StatusAt,
    string? Error,
    Guid? JobId,
    Guid? RecordId,
    DateTime CreatedAt)
{
    public static readonly Expression<Func<ChannelMessage, ChannelMessageDto>> Projection = m => new ChannelMessageDto(
        m.Id,
        m.Direction == MessageDirection.Inbound ? "inbound" : "outbound",
        m.ProviderMessageId,
        m.From,
        m.To,
        m.Type,
        m.TemplateName,
        m.Text,
        m.Status == MessageStatus.Accepted ? "accepted"
            : m.Status == MessageStatus.Sent ? "sent"
            : m.Status == MessageStatus.Delivered ? "delivered"
            : m.Status == MessageStatus.Read ? "read"
            : m.Status == MessageStatus.Failed ? "failed"
            : "received",
        m.StatusAt,
        m.Error,
        m.JobId,
        m.RecordId,
        m.CreatedAt);
}
