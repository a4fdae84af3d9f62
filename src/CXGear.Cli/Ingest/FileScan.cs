using CXGear.Csv;

namespace CXGear.Cli.Ingest;

/// <summary>
/// A first pass over the whole file before anything is sent: it counts the records (the progress total) and finds the
/// lines the API would refuse (a malformed CSV, a record with the wrong number of fields, a value over 10,000
/// characters), so a bad file is refused with its line numbers and no row of it is stored. Streaming, constant memory.
/// </summary>
internal sealed record FileScan(IReadOnlyList<string> Header, long Records, IReadOnlyList<string> Problems, long ProblemLines)
{
    private const int MaxListed = 20;

    public static FileScan Run(string path, CancellationToken cancellationToken)
    {
        using var file = CsvFiles.OpenRead(path);
        using var reader = CsvRecordReader.Open(file);
        var header = reader.Read() ?? throw new CsvFormatException(1, "the file is empty: its first line must name the columns.");
        var problems = new List<string>();
        long records = 0;
        long problemLines = 0;
        try
        {
            while (reader.Read() is { } record)
            {
                records++;
                if (record.Length != header.Length)
                {
                    problemLines++;
                    if (problems.Count < MaxListed)
                    {
                        problems.Add($"line {reader.RecordLine}: expected {header.Length} fields, found {record.Length}.");
                    }
                }

                if ((records & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        catch (CsvFormatException error)
        {
            // Past a structural error nothing can be read reliably: it is the last problem listed.
            problemLines++;
            problems.Add(CsvFiles.Describe(error));
        }

        return new FileScan(header, records, problems, problemLines);
    }
}
