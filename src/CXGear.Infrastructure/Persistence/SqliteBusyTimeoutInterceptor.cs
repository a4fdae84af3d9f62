using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CXGear.Infrastructure.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock. Without <c>busy_timeout</c>, a writer that finds the lock taken
/// gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries after sleeping 150 ms, so under concurrent writes
/// (ingest batches, meters) requests idle in fixed 150 ms steps while the lock is long free. SQLite's own busy
/// handler retries within a millisecond or two. The wait stays bounded by the same 30 s as the command timeout.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
