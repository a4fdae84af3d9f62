using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CXGear.Application.DataTables.Common;

/// <summary>
/// A row's values as stored: one JSON array aligned with the table's columns (<c>["Ada","+1555…",null]</c>). The
/// column names are not repeated in every row; they are the table's, and a row never outlives its table's columns
/// (a new structure replaces all rows). Reuses one buffer, so one instance serves a whole import.
/// </summary>
public sealed class DataRowJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public DataRowJson() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

    // Stored, never written into HTML: relaxed escaping keeps non-ASCII text as UTF-8 rather than \uXXXX (up to 6x smaller).
    internal static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>CSV fields, reordered into column order by <paramref name="order"/> (column i is field <c>order[i]</c>).</summary>
    public string FromFields(IReadOnlyList<string> fields, int[] order)
    {
        Reset();
        _writer.WriteStartArray();
        foreach (var index in order)
        {
            _writer.WriteStringValue(fields[index]);
        }

        return Finish();
    }

    /// <summary>A flat JSON record (public ingest): each column's value as sent, a missing column as null.</summary>
    public string FromRecord(IReadOnlyList<string> columns, IReadOnlyDictionary<string, JsonElement> record)
    {
        Reset();
        _writer.WriteStartArray();
        foreach (var column in columns)
        {
            if (record.TryGetValue(column, out var value))
            {
                value.WriteTo(_writer);
            }
            else
            {
                _writer.WriteNullValue();
            }
        }

        return Finish();
    }

    /// <summary>The stored array back as column → value, in column order.</summary>
    public static IReadOnlyDictionary<string, JsonElement> ToObject(IReadOnlyList<string> columns, string values)
    {
        using var document = JsonDocument.Parse(values);
        var result = new Dictionary<string, JsonElement>(columns.Count, StringComparer.Ordinal);
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (i < columns.Count)
            {
                result[columns[i++]] = element.Clone();
            }
        }

        return result;
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
    }

    private string Finish()
    {
        _writer.WriteEndArray();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
