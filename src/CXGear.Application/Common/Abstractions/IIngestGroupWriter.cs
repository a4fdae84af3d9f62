namespace CXGear.Application.Common.Abstractions;

/// <summary>Rows <see cref="FirstSequence"/>, +1, +2… of one table, each value the row's JSON array (see <c>DataRowJson</c>).</summary>
public readonly record struct RowRun(Guid DataTableId, long FirstSequence, IReadOnlyList<string> Values);

/// <summary>
/// The rows of a whole ingest group (several requests' batches, possibly of several tables) in one provider-native
/// write: one prepared <c>INSERT</c> re-run per row on SQLite, one <c>SqlBulkCopy</c> on SQL Server. It runs on the
/// context's connection inside its open transaction, so the rows commit with the tables' counts or not at all.
/// <see cref="IBulkRowWriter"/> stays the one-table writer of CSV imports and appends.
/// </summary>
public interface IIngestGroupWriter
{
    /// <summary>Inserts every run, in order. Throws when no transaction is open.</summary>
    Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken);
}
