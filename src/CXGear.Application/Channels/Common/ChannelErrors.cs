using CXGear.Domain.Common;

namespace CXGear.Application.Channels.Common;

internal static class ChannelErrors
{
    /// <summary>Also the answer for another organization's channel.</summary>
    public static CXGearException NotFound(Guid id) => new(ErrorCodes.NotFound, $"Channel {id} was not found.");
}
