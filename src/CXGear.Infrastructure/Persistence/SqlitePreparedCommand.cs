using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CXGear.Infrastructure.Persistence;

/// <summary>
/// One SQL statement prepared once per transaction on EF's own connection and re-run with new parameter values: the
/// fastest way to insert many rows into SQLite. It is re-prepared when the context's transaction changes and only
/// runs inside one, so what it writes commits or rolls back with the rest of the unit of work.
/// </summary>
internal sealed class SqlitePreparedCommand(AppDbContext db, string sql, params (string Name, SqliteType Type)[] parameters) : IDisposable
{
    private SqliteCommand? _command;
    private SqliteTransaction? _preparedFor;

    /// <summary>The command, bound to the open transaction; set its parameters by position, then execute it.</summary>
    public SqliteCommand ForCurrentTransaction()
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
        _command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            _command.Parameters.Add(name, type);
        }

        _command.Prepare();
        _preparedFor = transaction;
        return _command;
    }

    /// <summary>EF stores a Guid on SQLite as upper-case text; a Guid parameter would bind as a blob and never match.</summary>
    public static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>Synchronous on purpose: a scope disposed synchronously (background work) must be able to release it too.</summary>
    public void Dispose() => _command?.Dispose();
}
