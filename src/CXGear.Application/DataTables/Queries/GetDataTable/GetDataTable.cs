using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.GetDataTable;

public sealed record GetDataTableQuery(Guid Id) : IQuery<DataTableDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class GetDataTableHandler(IApplicationDbContext db) : IQueryHandler<GetDataTableQuery, DataTableDto>
{
    public async ValueTask<DataTableDto> Handle(GetDataTableQuery query, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
            ?? throw DataTableNotFound.Error(query.Id);
        return DataTableDto.From(table);
    }
}
