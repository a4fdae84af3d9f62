using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.ListRows;

/// <summary>One row: its place in the table (1, 2, 3… in insertion order) and its values by column.</summary>
public sealed record DataRowDto(long Sequence, IReadOnlyDictionary<string, JsonElement> Values);

/// <summary>A page of rows in insertion order.</summary>
public sealed record ListRowsQuery(Guid Id, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<DataRowDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class ListRowsHandler(IApplicationDbContext db) : IQueryHandler<ListRowsQuery, PagedResult<DataRowDto>>
{
    public async ValueTask<PagedResult<DataRowDto>> Handle(ListRowsQuery query, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.AsNoTracking()
            .Where(t => t.Id == query.Id)
            .Select(t => new { t.Columns, t.RowCount })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw DataTableNotFound.Error(query.Id);

        // Rows are numbered 1..RowCount without gaps (see DataTable.LastSequence), so page n is a range seek on the
        // primary key: as cheap on page 10,000 as on page 1, where OFFSET would walk every row before it. The total
        // is the table's counter, not a COUNT(*) over millions of rows.
        var after = query.Offset();
        var rows = await db.DataRows.AsNoTracking()
            .Where(r => r.DataTableId == query.Id && r.Sequence > after)
            .OrderBy(r => r.Sequence)
            .Take(query.PageSize)
            .Select(r => new { r.Sequence, r.Values })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new DataRowDto(r.Sequence, DataRowJson.ToObject(table.Columns, r.Values))).ToList();
        return new PagedResult<DataRowDto>(items, query.Page, query.PageSize, (int)Math.Min(table.RowCount, int.MaxValue));
    }
}
