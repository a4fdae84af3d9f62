using System.Text.Json;
using System.Text.Json.Serialization;

namespace CXGear.Cli.Ingest;

/// <summary>
/// Up to 500 CSV records on their way to <c>POST /public/ingest</c>, with the line each record starts on (to name lines
/// when the API rejects a field) and where the batch ends in the file (for progress). Serialized by
/// <see cref="CsvBatchConverter"/> straight from the fields as a JSON array of <c>{column: "value"}</c> objects, always
/// to the same bytes for the same records: a resent batch must match its first sending for the API to replay it.
/// </summary>
[JsonConverter(typeof(CsvBatchConverter))]
internal sealed class CsvBatch(long sequence, CsvHeader header, List<string[]> records, List<long> lines, long endByte)
{
    public long Sequence { get; } = sequence;

    public CsvHeader Header { get; } = header;

    public IReadOnlyList<string[]> Records { get; } = records;

    public IReadOnlyList<long> Lines { get; } = lines;

    public long FirstLine => Lines[0];

    public long LastLine => Lines[^1];

    public long EndByte { get; } = endByte;
}

/// <summary>The file's column names, encoded once for every record of every batch.</summary>
internal sealed class CsvHeader(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public IReadOnlyList<JsonEncodedText> Encoded { get; } = names.Select(n => JsonEncodedText.Encode(n)).ToArray();
}

internal sealed class CsvBatchConverter : JsonConverter<CsvBatch>
{
    public override CsvBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A batch is only ever sent.");

    public override void Write(Utf8JsonWriter writer, CsvBatch value, JsonSerializerOptions options)
    {
        var names = value.Header.Encoded;
        writer.WriteStartArray();
        foreach (var record in value.Records)
        {
            writer.WriteStartObject();
            for (var i = 0; i < names.Count; i++)
            {
                writer.WriteString(names[i], record[i]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
