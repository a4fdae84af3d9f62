using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Channels.Queries.ListChannelMessages;

/// <summary><c>GET /channels/{id}/messages</c>: inbound and outbound messages, newest first, with their status.</summary>
public sealed record ListChannelMessagesQuery(Guid ChannelId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<ChannelMessageDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.IntegrationsRead;
}

public sealed class ListChannelMessagesHandler(IApplicationDbContext db) : IQueryHandler<ListChannelMessagesQuery, PagedResult<ChannelMessageDto>>
{
    public async ValueTask<PagedResult<ChannelMessageDto>> Handle(ListChannelMessagesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Channels.AnyAsync(c => c.Id == query.ChannelId, cancellationToken))
        {
            throw ChannelErrors.NotFound(query.ChannelId);
        }

        return await db.ChannelMessages
            .Where(m => m.ChannelId == query.ChannelId)
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .Select(ChannelMessageDto.Projection)
            .ToPageAsync(query, cancellationToken);
    }
}
