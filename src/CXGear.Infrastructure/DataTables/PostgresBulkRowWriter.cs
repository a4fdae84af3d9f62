using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Postgres;

namespace CXGear.Infrastructure.DataTables;

/// <summary>PostgreSQL: binary COPY on EF's connection, inside its transaction (<see cref="PostgresCopy"/>).</summary>
internal sealed class PostgresBulkRowWriter(AppDbContext db) : IBulkRowWriter
{
    public Task WriteAsync(Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken) =>
        PostgresCopy.WriteRowsAsync(PostgresCopy.InTransaction(db, "Rows"), dataTableId, firstSequence, values, cancellationToken);
}
