using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;
using CXGear.Domain.DataTables;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>
/// Checks pushed records against a table's columns before anything is written (docs/api.md#public-ingest-trigger-and-reads): each record a
/// flat object of column → string, number, boolean or null, every key a column (case-sensitive, like the CSV
/// header), strings ≤ 10,000 characters of valid text. One reader pass over the records' raw UTF-8
/// (<see cref="RecordsJson"/>), no document and no string per key or value, so the check costs little next to the
/// insert; all problems are reported at once with <c>records[i].column</c> paths.
/// </summary>
public static class RecordBatch
{
    public const int MaxRecords = 500;

    public const int MaxStringLength = 10_000;

    // A batch of 500 broken records would otherwise answer with thousands of lines; the first ones are enough to fix the client.
    private const int MaxReportedErrors = 50;

    private const string NotText = "A value is text in UTF-8; this one has bytes or escapes that are not.";

    /// <summary>
    /// Validates the batch against <paramref name="columns"/> and encodes each record as the stored row: a JSON
    /// array in column order, a missing column as null. Nothing is returned for a bad batch; it throws.
    /// </summary>
    public static string[] Encode(RecordsJson records, IReadOnlyList<string> columns)
    {
        using var utf8 = EncodeUtf8(records, columns);
        var rows = new string[utf8.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Encoding.UTF8.GetString(utf8[i]);
        }

        return rows;
    }

    /// <summary>
    /// <see cref="Encode"/> straight to UTF-8, all rows in one buffer (the ingest write path binds them as they are:
    /// no string per row, no transcoding back).
    /// </summary>
    public static EncodedRows EncodeUtf8(RecordsJson records, IReadOnlyList<string> columns)
    {
        // The records' own JSON is a close upper bound of the rows' (which drop the keys): one rental, rarely a second.
        var buffer = new PooledBuffer(records.Utf8.Length + 2);
        try
        {
            var ends = new int[Math.Max(records.Count, 0)];
            using var writer = new Utf8JsonWriter(buffer, DataRowJson.WriterOptions);
            new Checker(records, columns).Run((int i, ReadOnlySpan<byte> source, ReadOnlySpan<byte> unescaped, ReadOnlySpan<Slot> slots) =>
            {
                writer.Reset();
                WriteRow(writer, source, unescaped, slots);
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

    /// <summary>A record's value for one column: where its token is, in the records' JSON or in the unescaped text.</summary>
    private readonly record struct Slot(JsonTokenType Type, int Start, int Length, bool Unescaped);

    private delegate void RowSink(int index, ReadOnlySpan<byte> source, ReadOnlySpan<byte> unescaped, ReadOnlySpan<Slot> slots);

    /// <summary>The stored row: <c>[v1, v2, …]</c> in column order, an unset column as null.</summary>
    private static void WriteRow(Utf8JsonWriter writer, ReadOnlySpan<byte> source, ReadOnlySpan<byte> unescaped, ReadOnlySpan<Slot> slots)
    {
        writer.WriteStartArray();
        foreach (var slot in slots)
        {
            switch (slot.Type)
            {
                case JsonTokenType.String:
                    // Re-escaped by the writer exactly as a parsed element's WriteTo would: the stored text is the value, not its spelling.
                    writer.WriteStringValue((slot.Unescaped ? unescaped : source).Slice(slot.Start, slot.Length));
                    break;
                case JsonTokenType.Number:
                    // As sent (1.50 stays 1.50); the reader has already checked it is a JSON number.
                    writer.WriteRawValue(source.Slice(slot.Start, slot.Length), skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(slot.Type == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// One pass over the records: each property is matched to its column on its raw UTF-8 name, its value checked
    /// and placed in its slot, and the row written while the batch is still clean. Once a problem is found only
    /// checking goes on.
    /// </summary>
    private sealed class Checker(RecordsJson records, IReadOnlyList<string> tableColumns)
    {
        private readonly ColumnLookup _columns = new(tableColumns);
        private SortedSet<string>? _unknown;
        private Dictionary<string, string[]>? _errors;
        private byte[]? _unescaped;
        private int _unescapedLength;
        private string? _problem;

        private bool Clean => _unknown is null && _errors is null;

        public void Run(RowSink row)
        {
            if (!records.IsArray)
            {
                throw new ValidationFailedException(
                    new Dictionary<string, string[]> { ["records"] = ["records is an array of records."] }, "records is not an array; nothing was inserted.");
            }

            // seenIn[c] == record index + 1 when column c already appeared in that record: no set to clear per record.
            var seenIn = new int[tableColumns.Count];
            var slots = new Slot[tableColumns.Count];
            var source = records.Utf8.Span;
            var reader = new Utf8JsonReader(source);
            try
            {
                reader.Read();
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        Add($"records[{i}]", "A record is an object of column → value.");
                        reader.Skip();
                        continue;
                    }

                    if (Clean)
                    {
                        Array.Clear(slots);
                        _unescapedLength = 0;
                    }

                    ReadRecord(ref reader, i, seenIn, slots);
                    if (Clean)
                    {
                        row(i, source, _unescaped.AsSpan(0, _unescapedLength), slots);
                    }
                }
            }
            finally
            {
                if (_unescaped is not null)
                {
                    ArrayPool<byte>.Shared.Return(_unescaped);
                }
            }

            if (_unknown is not null)
            {
                throw DataTableColumns.SchemaMismatch(
                    tableColumns, _unknown, [], $"Unknown column(s): {string.Join(", ", _unknown)}. Send only the table's columns; nothing was inserted.");
            }

            if (_errors is not null)
            {
                throw new ValidationFailedException(_errors, $"{_errors.Count} field(s) are invalid; nothing was inserted.");
            }
        }

        private void ReadRecord(ref Utf8JsonReader reader, int i, int[] seenIn, Slot[] slots)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = _columns.Find(ref reader);
                if (column < 0)
                {
                    (_unknown ??= new SortedSet<string>(StringComparer.Ordinal)).Add(NameOf(ref reader));
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                if (seenIn[column] == i + 1)
                {
                    Add($"records[{i}].{tableColumns[column]}", "The column appears twice in the record.");
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                seenIn[column] = i + 1;
                reader.Read();
                if (Value(ref reader) is { } slot)
                {
                    slots[column] = slot;
                }
                else
                {
                    reader.Skip();
                }

                if (_problem is { } problem)
                {
                    Add($"records[{i}].{tableColumns[column]}", problem);
                    _problem = null;
                }
            }
        }

        /// <summary>The value's slot, or null (and <see cref="_problem"/> set) when it is not a flat value of valid text.</summary>
        private Slot? Value(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return new Slot(JsonTokenType.Number, checked((int)reader.TokenStartIndex), reader.ValueSpan.Length, Unescaped: false);
                case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                    return new Slot(reader.TokenType, 0, 0, Unescaped: false);
                case JsonTokenType.String:
                    return Text(ref reader);
                default:
                    _problem = "A value is a string, number, boolean or null; records are flat.";
                    return null;
            }
        }

        private Slot? Text(ref Utf8JsonReader reader)
        {
            ReadOnlySpan<byte> text;
            Slot slot;
            if (!reader.ValueIsEscaped)
            {
                // The raw bytes are the text: no copy. The opening quote is at TokenStartIndex.
                text = reader.ValueSpan;
                slot = new Slot(JsonTokenType.String, checked((int)reader.TokenStartIndex) + 1, text.Length, Unescaped: false);
            }
            else
            {
                // Unescaped text is never longer than its escaped spelling.
                var start = _unescapedLength;
                var target = UnescapedSpace(reader.ValueSpan.Length);
                int written;
                try
                {
                    written = reader.CopyString(target);
                }
                catch (InvalidOperationException)
                {
                    // An escape the reader cannot turn into text, such as a lone surrogate (\ud800).
                    _problem = NotText;
                    return null;
                }

                text = target[..written];
                slot = new Slot(JsonTokenType.String, start, written, Unescaped: true);
                // Kept only while the batch is clean: a row is written only then.
                _unescapedLength = Clean ? start + written : start;
            }

            if (!Utf8.IsValid(text))
            {
                _problem = NotText;
                return null;
            }

            // Bytes are never fewer than characters, so almost every string is cleared without counting.
            if (text.Length > MaxStringLength && Encoding.UTF8.GetCharCount(text) > MaxStringLength)
            {
                _problem = $"A value is at most {MaxStringLength} characters.";
                return null;
            }

            return slot;
        }

        private Span<byte> UnescapedSpace(int length)
        {
            if (_unescaped is null || _unescaped.Length - _unescapedLength < length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_unescapedLength + length, 1024));
                if (_unescaped is not null)
                {
                    _unescaped.AsSpan(0, _unescapedLength).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_unescaped);
                }

                _unescaped = bigger;
            }

            return _unescaped.AsSpan(_unescapedLength, length);
        }

        private void Add(string path, string message)
        {
            _errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (_errors.Count < MaxReportedErrors)
            {
                _errors[path] = [message];
            }
        }
    }

    /// <summary>A property name as text for a message; a name that is not valid UTF-8 shows its bad bytes as U+FFFD.</summary>
    private static string NameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
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

        /// <summary>The position of the column the reader's property name spells, or -1 for a name that is not a column.</summary>
        public int Find(ref Utf8JsonReader reader)
        {
            var raw = reader.ValueSpan;
            if (!Utf8.IsValid(raw))
            {
                // Never a column: decoding would turn the bad bytes into U+FFFD and could match a name they do not spell.
                return -1;
            }

            if (raw.Length > 256 || reader.ValueIsEscaped)
            {
                // Escaped (or very long) names: the decoded string, as the rule is about the name, not its spelling.
                return _index.GetValueOrDefault(NameOf(ref reader), -1);
            }

            Span<char> name = stackalloc char[256];
            var length = Encoding.UTF8.GetChars(raw, name);
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
