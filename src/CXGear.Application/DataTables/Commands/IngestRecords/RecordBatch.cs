using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;
using CXGear.Domain.DataTables;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>
/// Checks pushed records against a table's columns before anything is written (docs/api.md#public-ingest-trigger-and-reads): each record a
/// flat object of column → string, number, boolean or null, every key a column (case-sensitive, like the CSV
/// header), strings ≤ 10,000 characters. One pass over the already-parsed JSON, no copies, so the check costs
/// little next to the insert; all problems are reported at once with <c>records[i].column</c> paths.
/// </summary>
public static class RecordBatch
{
    public const int MaxRecords = 500;

    public const int MaxStringLength = 10_000;

    // A batch of 500 broken records would otherwise answer with thousands of lines; the first ones are enough to fix the client.
    private const int MaxReportedErrors = 50;

    /// <summary>
    /// Validates the batch against <paramref name="columns"/> and encodes each record as the stored row: a JSON
    /// array in column order, a missing column as null. Nothing is returned for a bad batch; it throws.
    /// </summary>
    public static string[] Encode(IReadOnlyList<JsonElement> records, IReadOnlyList<string> columns)
    {
        var rows = new string[records.Count];
        var json = new DataRowJson();
        Check(records, columns, (i, slots) => rows[i] = json.FromSlots(slots));
        return rows;
    }

    /// <summary>
    /// <see cref="Encode"/> straight to UTF-8, all rows in one buffer (the ingest write path binds them as they are:
    /// no string per row, no transcoding back).
    /// </summary>
    public static EncodedRows EncodeUtf8(IReadOnlyList<JsonElement> records, IReadOnlyList<string> columns)
    {
        // The records' own JSON is a close upper bound of the rows' (which drop the keys): one rental, rarely a second.
        var size = 2;
        foreach (var record in records)
        {
            size += JsonMarshal.GetRawUtf8Value(record).Length;
        }

        var buffer = new PooledBuffer(size);
        try
        {
            var ends = new int[records.Count];
            using var writer = new Utf8JsonWriter(buffer, DataRowJson.WriterOptions);
            Check(records, columns, (i, slots) =>
            {
                writer.Reset();
                DataRowJson.WriteSlots(writer, slots);
                writer.Flush();
                ends[i] = buffer.Written;
            });
            return EncodedRows.Rented(buffer.TakeArray(), ends);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    public static void Validate(IReadOnlyList<JsonElement> records, IReadOnlyList<string> tableColumns) => Check(records, tableColumns, row: null);

    private delegate void RowSink(int index, ReadOnlySpan<JsonElement> slots);

    /// <summary>
    /// One pass over the records: each property is matched to its column on its raw UTF-8 name (no string per key,
    /// which CPU samples of the ingest load test showed as the largest cost here), checked, and placed in its slot;
    /// the row is written while the batch is still clean. Once a problem is found only checking goes on.
    /// </summary>
    private static void Check(IReadOnlyList<JsonElement> records, IReadOnlyList<string> tableColumns, RowSink? row)
    {
        var columns = new ColumnLookup(tableColumns);
        SortedSet<string>? unknown = null;
        Dictionary<string, string[]>? errors = null;

        // seenIn[c] == record index + 1 when column c already appeared in that record: no set to clear per record.
        var seenIn = new int[tableColumns.Count];
        var encode = row is not null;
        var slots = encode ? new JsonElement[tableColumns.Count] : [];

        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.ValueKind != JsonValueKind.Object)
            {
                Add(ref errors, $"records[{i}]", "A record is an object of column → value.");
                continue;
            }

            var clean = unknown is null && errors is null;
            if (clean && encode)
            {
                Array.Clear(slots);
            }

            foreach (var property in record.EnumerateObject())
            {
                var column = columns.Find(property);
                if (column < 0)
                {
                    (unknown ??= new SortedSet<string>(StringComparer.Ordinal)).Add(property.Name);
                    continue;
                }

                if (seenIn[column] == i + 1)
                {
                    Add(ref errors, $"records[{i}].{property.Name}", "The column appears twice in the record.");
                    continue;
                }

                seenIn[column] = i + 1;
                if (ValueProblem(property.Value) is { } problem)
                {
                    Add(ref errors, $"records[{i}].{property.Name}", problem);
                }
                else if (encode)
                {
                    slots[column] = property.Value;
                }
            }

            if (encode && unknown is null && errors is null)
            {
                row!(i, slots);
            }
        }

        if (unknown is not null)
        {
            throw DataTableColumns.SchemaMismatch(
                tableColumns, unknown, [], $"Unknown column(s): {string.Join(", ", unknown)}. Send only the table's columns; nothing was inserted.");
        }

        if (errors is not null)
        {
            throw new ValidationFailedException(errors, $"{errors.Count} field(s) are invalid; nothing was inserted.");
        }
    }

    private static string? ValueProblem(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => null,

        // The raw UTF-8 (quotes included) is never shorter than the decoded string, so almost every string is
        // cleared without decoding or allocating it.
        JsonValueKind.String when JsonMarshal.GetRawUtf8Value(value).Length - 2 <= MaxStringLength || value.GetString()!.Length <= MaxStringLength => null,
        JsonValueKind.String => $"A value is at most {MaxStringLength} characters.",
        _ => "A value is a string, number, boolean or null; records are flat.",
    };

    private static void Add(ref Dictionary<string, string[]>? errors, string path, string message)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (errors.Count < MaxReportedErrors)
        {
            errors[path] = [message];
        }
    }

    /// <summary>Column positions by name, looked up from a property's raw UTF-8 name decoded on the stack.</summary>
    private readonly struct ColumnLookup
    {
        private readonly Dictionary<string, int> _index;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

        public ColumnLookup(IReadOnlyList<string> columns)
        {
            _index = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                _index[columns[i]] = i;
            }

            _bySpan = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>The column's position, or -1 for a name that is not a column.</summary>
        public int Find(JsonProperty property)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Length > 256 || raw.IndexOf((byte)'\\') >= 0)
            {
                // Escaped (or very long) names: the decoded string, as the rule is about the name, not its spelling.
                return _index.GetValueOrDefault(property.Name, -1);
            }

            Span<char> name = stackalloc char[256];
            var length = System.Text.Encoding.UTF8.GetChars(raw, name);
            return _bySpan.TryGetValue(name[..length], out var column) ? column : -1;
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> on an array rented from the shared pool, grown by renting a bigger one.</summary>
    private sealed class PooledBuffer(int size) : IBufferWriter<byte>, IDisposable
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(Math.Max(size, 256));

        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(Written);

        /// <summary>The array, now the caller's to return.</summary>
        public byte[] TakeArray() => Interlocked.Exchange(ref _array, null)!;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }

        private byte[] Ensure(int sizeHint)
        {
            var array = _array!;
            if (array.Length - Written >= Math.Max(sizeHint, 1))
            {
                return array;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(array.Length * 2, Written + sizeHint));
            array.AsSpan(0, Written).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(array);
            _array = bigger;
            return bigger;
        }
    }
}
