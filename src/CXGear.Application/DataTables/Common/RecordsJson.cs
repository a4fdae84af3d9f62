using System.Text.Json;
using System.Runtime.InteropServices;

namespace CXGear.Application.DataTables.Common;

/// <summary>
/// The <c>records</c> of an ingest or an inline trigger as the client sent them: the raw UTF-8 JSON of the value,
/// not a parsed document. The ingest routes read it straight out of the request body (no <c>JsonDocument</c> is
/// built: CPU samples of the ingest load test put building and copying one at ~a quarter of the API's time), and
/// <c>RecordBatch</c> validates and encodes it in one reader pass. The bytes are borrowed: they live as long as
/// the request that owns them.
/// </summary>
public sealed class RecordsJson
{
    private RecordsJson(ReadOnlyMemory<byte> utf8, int count)
    {
        Utf8 = utf8;
        Count = count;
    }

    /// <summary>No <c>records</c> member at all: not an array, so the batch rule refuses it.</summary>
    public static RecordsJson Missing { get; } = new(ReadOnlyMemory<byte>.Empty, -1);

    /// <summary>The value's JSON, exactly as received.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The array's length; -1 when the value is not an array.</summary>
    public int Count { get; }

    public bool IsArray => Count >= 0;

    /// <summary>
    /// Reads the value the reader is on (its first token already read) to its end, counting an array's entries on
    /// the way. <paramref name="source"/> is the buffer the reader was created over; the result is a slice of it.
    /// </summary>
    public static RecordsJson Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        var start = checked((int)reader.TokenStartIndex);
        var count = -1;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip();
            }
        }
        else
        {
            reader.Skip();
        }

        return new RecordsJson(source[start..checked((int)reader.BytesConsumed)], count);
    }

    /// <summary>An already-parsed value (a trigger's inline records), copied.</summary>
    public static RecordsJson From(JsonElement value) =>
        new(JsonMarshal.GetRawUtf8Value(value).ToArray(), value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : -1);
}
