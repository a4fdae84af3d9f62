using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Queries.ListSpinnerVersions;

/// <summary>A spinner's published versions, newest first, each with its frozen definition.</summary>
public sealed record ListSpinnerVersionsQuery(Guid Id, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<SpinnerVersionDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class ListSpinnerVersionsHandler(IApplicationDbContext db) : IQueryHandler<ListSpinnerVersionsQuery, PagedResult<SpinnerVersionDto>>
{
    public async ValueTask<PagedResult<SpinnerVersionDto>> Handle(ListSpinnerVersionsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Spinners.AnyAsync(s => s.Id == query.Id, cancellationToken))
        {
            throw SpinnerErrors.NotFound(query.Id);
        }

        return await db.SpinnerVersions
            .Where(v => v.SpinnerId == query.Id)
            .OrderByDescending(v => v.Version)
            .Select(SpinnerVersionDto.Projection)
            .ToPageAsync(query, cancellationToken);
    }
}
