using System.Globalization;
using System.Text.RegularExpressions;
using CXGear.Client;

namespace CXGear.Cli.Ingest;

/// <summary>Turns the API's refusal of a batch into CSV terms: <c>records[3].phone</c> becomes the line of that record.</summary>
internal static partial class Rejection
{
    public static IngestRunner.SendOutcome Of(CXGearApiException error, CsvBatch batch)
    {
        var where = $"the batch from line {batch.FirstLine:N0} to {batch.LastLine:N0}";
        switch (error.ErrorCode)
        {
            case "VALIDATION_ERROR" when error.Errors.Count > 0:
                var lines = error.Errors
                    .Select(e => (Line: LineOf(e.Key, batch), Field: e.Key, Messages: e.Value))
                    .OrderBy(e => e.Line ?? long.MaxValue)
                    .Select(e => Describe(e.Line, RecordPath().Match(e.Field), e.Field, string.Join(" ", e.Messages)))
                    .ToList();
                return new IngestRunner.SendOutcome.Rejected($"The API refused {where} ({error.Problem?.Detail}):", lines);
            case "VALIDATION_ERROR" or "SCHEMA_MISMATCH" or "PAYLOAD_TOO_LARGE":
                return new IngestRunner.SendOutcome.Rejected($"The API refused {where}: {error.ErrorCode}: {error.Problem?.Detail}", []);
            default:
                return new IngestRunner.SendOutcome.Failed($"The API answered {error.StatusCode} {error.ErrorCode} for {where}: {error.Problem?.Detail ?? error.Message}");
        }
    }

    private static string Describe(long? line, Match path, string field, string message) => (line, path.Groups["column"]) switch
    {
        ({ } at, { Success: true } column) => $"line {at}, column {column.Value}: {message}",
        ({ } at, _) => $"line {at}: {message}",
        _ => $"{field}: {message}",
    };

    /// <summary>The CSV line of <c>records[i]…</c>, or null for a path that names no record.</summary>
    public static long? LineOf(string path, CsvBatch batch)
    {
        var match = RecordPath().Match(path);
        return match.Success && int.TryParse(match.Groups["index"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < batch.Lines.Count
            ? batch.Lines[index]
            : null;
    }

    [GeneratedRegex(@"^records\[(?<index>\d+)\](\.(?<column>.+))?$")]
    private static partial Regex RecordPath();
}
