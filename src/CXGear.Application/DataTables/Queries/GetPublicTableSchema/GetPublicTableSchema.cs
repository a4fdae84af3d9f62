using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.ApiKeys;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.GetPublicTableSchema;

/// <summary>
/// <c>GET /public/data-tables/{id}/schema</c> with an <c>ingest</c> key: what a client needs to check a file's header
/// before it pushes a row, and the row count to confirm a load. Only the columns, never the rows or who made the
/// table. Another organization's table is a 404 through the tenant filter.
/// </summary>
public sealed record GetPublicTableSchemaQuery(Guid DataTableId) : IQuery<PublicTableSchemaDto>, IRequireScope
{
    public string Scope => ApiKeyScopes.Ingest;
}

public sealed record PublicTableSchemaDto(Guid Id, string Name, IReadOnlyList<string> Columns, long RowCount);

public sealed class GetPublicTableSchemaHandler(IApplicationDbContext db) : IQueryHandler<GetPublicTableSchemaQuery, PublicTableSchemaDto>
{
    public async ValueTask<PublicTableSchemaDto> Handle(GetPublicTableSchemaQuery query, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.DataTableId, cancellationToken)
            ?? throw DataTableNotFound.Error(query.DataTableId);
        return new PublicTableSchemaDto(table.Id, table.Name, table.Columns, table.RowCount);
    }
}
