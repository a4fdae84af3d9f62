using System.Text;
using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// SQL Server: the whole group's rows in ONE bulk copy (<see cref="SqlServerRowCopy"/>: one bulk-load round trip
/// however many requests and tables the group holds). Compiled, not executed here (no SQL Server in this environment).
/// </summary>
internal sealed class SqlServerIngestGroupWriter(AppDbContext db) : IIngestGroupWriter
{
    public Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken) =>
        SqlServerRowCopy.WriteAsync(
            db,
            rows =>
            {
                foreach (var run in runs)
                {
                    for (var i = 0; i < run.Rows.Length; i++)
                    {
                        rows.Add(run.DataTableId, run.FirstSequence + i, Encoding.UTF8.GetString(run.Rows[i]));
                    }
                }
            },
            cancellationToken);
}
