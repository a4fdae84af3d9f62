using System.Buffers;

namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// One batch's rows as stored (each a JSON array in column order, see <c>DataRowJson</c>), as UTF-8, back to back in
/// one buffer: encoded once in the request and bound as they are, with no string per row in between. The buffer may
/// be rented from <see cref="ArrayPool{T}.Shared"/> (a batch's rows are ~75 KB, near the large-object heap, and the
/// ingest load test's samples showed allocation and GC as a large share of a request); dispose returns it.
/// </summary>
public sealed class EncodedRows : IDisposable
{
    private readonly int[] _ends;
    private readonly bool _rented;
    private byte[]? _data;

    public EncodedRows(byte[] data, int[] ends)
        : this(data, ends, rented: false)
    {
    }

    private EncodedRows(byte[] data, int[] ends, bool rented)
    {
        _data = data;
        _ends = ends;
        _rented = rented;
    }

    public int Length => _ends.Length;

    /// <summary>Row <paramref name="index"/>'s UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var data = _data ?? throw new ObjectDisposedException(nameof(EncodedRows));
            var start = index == 0 ? 0 : _ends[index - 1];
            return data.AsSpan(start, _ends[index] - start);
        }
    }

    /// <summary>Takes over <paramref name="data"/>, rented from the shared pool; <see cref="Dispose"/> gives it back.</summary>
    public static EncodedRows Rented(byte[] data, int[] ends) => new(data, ends, rented: true);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _data, null) is { } data && _rented)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
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
