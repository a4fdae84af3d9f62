using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Queries.ListSpinners;

/// <summary>A project's live spinners (main and supporting; archived ones are hidden), newest first. An unknown project is 404, not an empty list.</summary>
public sealed record ListSpinnersQuery(Guid ProjectId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<SpinnerDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.SpinnersRead;
}

public sealed class ListSpinnersHandler(IApplicationDbContext db) : IQueryHandler<ListSpinnersQuery, PagedResult<SpinnerDto>>
{
    public async ValueTask<PagedResult<SpinnerDto>> Handle(ListSpinnersQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {query.ProjectId} was not found.");
        }

        var page = await db.Spinners.Live().AsNoTracking()
            .Where(s => s.ProjectId == query.ProjectId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .ToPageAsync(query, cancellationToken);
        return page.Map(SpinnerDto.From);
    }
}
