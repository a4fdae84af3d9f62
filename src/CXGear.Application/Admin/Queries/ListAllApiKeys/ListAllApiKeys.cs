using CXGear.Application.ApiKeys.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Queries.ListAllApiKeys;

/// <summary>Operators: keys of every organization, by organization and/or the prefix a customer reads out.</summary>
public sealed record ListAllApiKeysQuery(Guid? OrganizationId, string? Prefix, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<ApiKeyDto>>, IRequireOperator, IPagedRequest;

public sealed class ListAllApiKeysHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<ListAllApiKeysQuery, PagedResult<ApiKeyDto>>
{
    public async ValueTask<PagedResult<ApiKeyDto>> Handle(ListAllApiKeysQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Operators work across organizations by design.
        var keys = db.ApiKeys.IgnoreQueryFilters().AsNoTracking();
        if (query.OrganizationId is { } organizationId)
        {
            keys = keys.Where(k => k.OrganizationId == organizationId);
        }

        if (!string.IsNullOrWhiteSpace(query.Prefix))
        {
            var prefix = query.Prefix.Trim();
            keys = keys.Where(k => k.Prefix.StartsWith(prefix));
        }

        return await keys
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(ApiKeyDto.Projection.At(now))
            .ToPageAsync(query, cancellationToken);
    }
}
