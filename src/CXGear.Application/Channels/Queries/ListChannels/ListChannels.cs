using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Channels.Queries.ListChannels;

/// <summary><c>GET /channels</c>: the organization's channels in the order they were first connected. No read returns a token.</summary>
public sealed record ListChannelsQuery : IQuery<ChannelList>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsRead;
}

public sealed class ListChannelsHandler(IApplicationDbContext db) : IQueryHandler<ListChannelsQuery, ChannelList>
{
    public async ValueTask<ChannelList> Handle(ListChannelsQuery query, CancellationToken cancellationToken) =>
        new(await db.Channels.OrderBy(c => c.Id).Select(ChannelDto.Projection).ToListAsync(cancellationToken));
}
