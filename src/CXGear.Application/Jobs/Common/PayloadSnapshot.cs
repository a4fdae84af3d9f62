using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CXGear.Application.Jobs.Common;

/// <summary>
/// Turns a stored row (a JSON array aligned with the table's columns) into a record payload: a JSON object of
/// the table's metadata fields, or of all columns when none are chosen, in the table's column order. Values keep
/// their JSON types; a column missing from a short row is null.
/// </summary>
public sealed class PayloadSnapshot
{
    private readonly string[] _names;
    private readonly int[] _positions;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public PayloadSnapshot(IReadOnlyList<string> columns, IReadOnlyList<string> metadataFields)
    {
        var chosen = metadataFields.Count == 0
            ? columns.ToList()
            : columns.Where(c => metadataFields.Contains(c, StringComparer.Ordinal)).ToList();
        _names = chosen.ToArray();
        _positions = chosen.Select(c => columns.ToList().IndexOf(c)).ToArray();
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public string FromRow(string values)
    {
        using var row = JsonDocument.Parse(values);
        var array = row.RootElement;
        var length = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;

        _buffer.ResetWrittenCount();
        _writer.Reset();
        _writer.WriteStartObject();
        for (var i = 0; i < _names.Length; i++)
        {
            _writer.WritePropertyName(_names[i]);
            if (_positions[i] < length)
            {
                array[_positions[i]].WriteTo(_writer);
            }
            else
            {
                _writer.WriteNullValue();
            }
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
