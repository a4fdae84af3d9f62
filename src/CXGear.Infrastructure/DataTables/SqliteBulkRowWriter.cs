using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.Sqlite;

namespace CXGear.Infrastructure.DataTables;

/// <summary>Rows through one prepared, reused INSERT (scoped, so it lives as long as the request's context).</summary>
internal sealed class SqliteBulkRowWriter(AppDbContext db) : IBulkRowWriter, IDisposable
{
    private readonly SqlitePreparedCommand _insert = new(
        db,
        $"""INSERT INTO "{DataRowConfiguration.Table}" ("DataTableId", "Sequence", "Values") VALUES ($table, $sequence, $values)""",
        ("$table", SqliteType.Text),
        ("$sequence", SqliteType.Integer),
        ("$values", SqliteType.Text));

    public async Task WriteAsync(Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var command = _insert.ForCurrentTransaction();
        command.Parameters[0].Value = SqlitePreparedCommand.Text(dataTableId);
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[1].Value = firstSequence + i;
            command.Parameters[2].Value = values[i];
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public void Dispose() => _insert.Dispose();
}
