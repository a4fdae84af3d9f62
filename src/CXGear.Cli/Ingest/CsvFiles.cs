using CXGear.Csv;

namespace CXGear.Cli.Ingest;

/// <summary>
/// How the tool reads a CSV file: through the reader the API's import uses (<see cref="CsvRecordReader"/>: the same
/// dialect, the same 10,000-character cap on a value, no cap on the number of fields here, since a wrong count is
/// reported per line), synchronously on its own thread from a sequential file stream.
/// </summary>
internal static class CsvFiles
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The stream to hand to <see cref="CsvRecordReader.Open"/>; its position (read ahead by a few buffers) is the progress.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);

    /// <summary>The tool's wording of a refused line: <c>line N: …</c>, as for every other line it names.</summary>
    public static string Describe(CsvFormatException error) => $"line {error.Line}: {error.Reason}";
}
