using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.Sqlite;

namespace CXGear.Infrastructure.DataTables;

/// <summary>A group's rows through one prepared INSERT, prepared once per transaction (the group's) and re-run per row.</summary>
internal sealed class SqliteIngestGroupWriter(AppDbContext db) : IIngestGroupWriter, IDisposable
{
    private readonly SqlitePreparedCommand _insert = new(
        db,
        $"""INSERT INTO "{DataRowConfiguration.Table}" ("DataTableId", "Sequence", "Values") VALUES ($table, $sequence, $values)""",
        ("$table", SqliteType.Text),
        ("$sequence", SqliteType.Integer),
        ("$values", SqliteType.Text));

    public async Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken)
    {
        var command = _insert.ForCurrentTransaction();
        foreach (var run in runs)
        {
            command.Parameters[0].Value = SqlitePreparedCommand.Text(run.DataTableId);
            for (var i = 0; i < run.Values.Count; i++)
            {
                command.Parameters[1].Value = run.FirstSequence + i;
                command.Parameters[2].Value = run.Values[i];
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public void Dispose() => _insert.Dispose();
}
