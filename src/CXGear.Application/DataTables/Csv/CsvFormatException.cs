namespace CXGear.Application.DataTables.Csv;

/// <summary>A CSV the reader cannot make sense of, with the 1-based line where the bad record starts.</summary>
public sealed class CsvFormatException(int line, string reason) : Exception($"Line {line}: {reason}")
{
    public int Line { get; } = line;
}
