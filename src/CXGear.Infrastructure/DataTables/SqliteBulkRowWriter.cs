using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using CXGear.Infrastructure.Persistence.Configurations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CXGear.Infrastructure.DataTables;

/// <summary>
/// SQLite's fastest insert path: one INSERT prepared once per transaction and re-run with new parameter values
/// for every row, on EF's own connection and transaction (scoped, so it lives as long as the request's context).
/// </summary>
internal sealed class SqliteBulkRowWriter(AppDbContext db) : IBulkRowWriter, IDisposable
{
    private SqliteCommand? _command;
    private SqliteTransaction? _preparedFor;

    public async Task WriteAsync(Guid dataTableId, long firstSequence, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var command = Prepare();

        // EF stores a Guid on SQLite as upper-case text; a Guid parameter would bind as a blob and never match.
        command.Parameters[0].Value = dataTableId.ToString("D").ToUpperInvariant();
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[1].Value = firstSequence + i;
            command.Parameters[2].Value = values[i];
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Synchronous on purpose: a scope disposed synchronously (background work) must be able to release it too.</summary>
    public void Dispose() => _command?.Dispose();

    private SqliteCommand Prepare()
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction
            ?? throw new InvalidOperationException("Rows are written inside the transaction of the change (no transaction is open).");
        if (_command is not null && ReferenceEquals(_preparedFor, transaction))
        {
            return _command;
        }

        _command?.Dispose();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"""INSERT INTO "{DataRowConfiguration.Table}" ("DataTableId", "Sequence", "Values") VALUES ($table, $sequence, $values)""";
        _command.Parameters.Add("$table", SqliteType.Text);
        _command.Parameters.Add("$sequence", SqliteType.Integer);
        _command.Parameters.Add("$values", SqliteType.Text);
        _command.Prepare();
        _preparedFor = transaction;
        return _command;
    }
}
