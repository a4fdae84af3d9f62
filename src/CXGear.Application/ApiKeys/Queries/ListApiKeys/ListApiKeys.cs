using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Queries.ListApiKeys;

/// <summary>The organization's keys, newest first, revoked ones included (they show who revoked them and why).</summary>
public sealed record ListApiKeysQuery(int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<ApiKeyDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ApiKeysManage;
}

public sealed class ListApiKeysHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<ListApiKeysQuery, PagedResult<ApiKeyDto>>
{
    public async ValueTask<PagedResult<ApiKeyDto>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(ApiKeyDto.Projection.At(now))
            .ToPageAsync(query, cancellationToken);
    }
}
