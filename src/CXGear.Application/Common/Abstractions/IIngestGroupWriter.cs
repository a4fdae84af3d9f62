namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// One batch's rows as stored (each a JSON array in column order, see <c>DataRowJson</c>), as UTF-8, back to back in
/// one buffer: encoded once in the request and bound as they are, with no string per row in between.
/// </summary>
public sealed class EncodedRows(ReadOnlyMemory<byte> data, int[] ends)
{
    public int Length => ends.Length;

    /// <summary>Row <paramref name="index"/>'s UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> this[int index] => data.Span[(index == 0 ? 0 : ends[index - 1])..ends[index]];
}

/// <summary>Rows <see cref="FirstSequence"/>, +1, +2… of one table.</summary>
public readonly record struct RowRun(Guid DataTableId, long FirstSequence, EncodedRows Rows);

/// <summary>
/// The rows of a whole ingest group (several requests' batches, possibly of several tables) in one provider-native
/// write: one statement prepared once and bound by position per row on SQLite, one <c>SqlBulkCopy</c> on SQL Server.
/// It runs on the context's connection inside its open transaction, so the rows commit with the tables' counts or not
/// at all. <see cref="IBulkRowWriter"/> stays the one-table writer of CSV imports and appends.
/// </summary>
public interface IIngestGroupWriter
{
    /// <summary>Inserts every run, in order. Throws when no transaction is open.</summary>
    Task WriteAsync(IReadOnlyList<RowRun> runs, CancellationToken cancellationToken);
}
