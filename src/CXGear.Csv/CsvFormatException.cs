namespace CXGear.Csv;

/// <summary>A CSV the reader cannot take, with the 1-based line where the bad record starts (or where the bad quote is).</summary>
public sealed class CsvFormatException(long line, string reason) : Exception($"Line {line}: {reason}")
{
    public long Line { get; } = line;

    /// <summary>The message without its <c>Line N:</c> prefix, for callers that word the line themselves.</summary>
    public string Reason { get; } = reason;
}
