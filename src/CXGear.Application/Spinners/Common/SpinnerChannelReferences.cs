using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Common;

internal static class SpinnerChannelReferences
{
    /// <summary>
    /// A definition that sends through a channel the caller's organization does not hold would fail every record: the
    /// path of each such <c>channelId</c>, with its message. The query is confined to the caller's organization, so
    /// another organization's channel counts as missing and reveals nothing.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> MissingAsync(IApplicationDbContext db, SpinnerDefinition definition, CancellationToken cancellationToken)
    {
        var references = definition.ChannelReferences();
        if (references.Count == 0)
        {
            return [];
        }

        var ids = references.Select(r => r.ChannelId).ToList();
        var held = await db.Channels.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        return references.Where(r => !held.Contains(r.ChannelId)).ToDictionary(
            m => m.Path,
            m => new[] { $"Channel {m.ChannelId} is not a channel of this organization; connect one and use its id from GET /channels." });
    }
}
