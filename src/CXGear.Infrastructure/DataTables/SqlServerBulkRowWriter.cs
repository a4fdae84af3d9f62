using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;

namespace CXGear.Infrastructure.DataTables;

/// <summary>SQL Server: one table's rows (CSV import and append) through <see cref="SqlServerRowCopy"/>.</summary>
internal sealed class SqlServerBulkRowWriter(AppDbContext db) : IBulkRowWriter
{
    public Task WriteAsync(Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken) =>
        SqlServerRowCopy.WriteAsync(
            db,
            rows =>
            {
                for (var i = 0; i < values.Count; i++)
                {
                    rows.Add(dataTableId, firstSequence + i, values[i]);
                }
            },
            cancellationToken);
}
