using System.Linq.Expressions;
using CXGear.Domain.Channels;

namespace CXGear.Application.Channels.Common;

/// <summary>A connected channel as reads show it; never its token.</summary>
public sealed record ChannelDto(
    Guid Id,
    string Kind,
    string DisplayName,
    string PhoneNumber,
    string PhoneNumberId,
    string Status,
    DateTime ConnectedAt,
    DateTime? LastEventAt)
{
    /// <summary>Connected is the only status so far: a deleted channel is gone, and a revoked token shows at the next send.</summary>
    public static readonly Expression<Func<Channel, ChannelDto>> Projection = c =>
        new ChannelDto(c.Id, c.Kind, c.DisplayName, c.PhoneNumber, c.PhoneNumberId, "connected", c.ConnectedAt, c.LastEventAt);
}

/// <summary>Every channel of the organization in one answer: plans cap them at a handful.</summary>
public sealed record ChannelList(IReadOnlyList<ChannelDto> Items);
