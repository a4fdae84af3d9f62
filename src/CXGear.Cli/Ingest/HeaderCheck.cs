namespace CXGear.Cli.Ingest;

/// <summary>
/// The CSV header against the table's columns, before any row is sent. The rule is the API's for appending a CSV:
/// the same set of names (any order, case-sensitive), no name twice. A partial header would be accepted by
/// <c>/public/ingest</c> (missing columns become null) but is almost always the wrong file, so it is refused here.
/// </summary>
internal static class HeaderCheck
{
    /// <summary>Null when the header fits; else what is wrong, naming the columns.</summary>
    public static string? Problem(IReadOnlyList<string> header, IReadOnlyList<string> columns, string tableName)
    {
        if (columns.Count == 0)
        {
            return $"Table '{tableName}' has no columns yet: import a CSV into it in the app first (its header defines the columns).";
        }

        var repeated = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var unknown = header.Except(columns, StringComparer.Ordinal).ToList();
        var missing = columns.Except(header, StringComparer.Ordinal).ToList();
        if (repeated.Count == 0 && unknown.Count == 0 && missing.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (unknown.Count > 0)
        {
            parts.Add($"not in the table: {string.Join(", ", unknown)}");
        }

        if (missing.Count > 0)
        {
            parts.Add($"missing from the file: {string.Join(", ", missing)}");
        }

        if (repeated.Count > 0)
        {
            parts.Add($"named twice: {string.Join(", ", repeated)}");
        }

        return $"The CSV header does not match table '{tableName}' (columns: {string.Join(", ", columns)}); {string.Join("; ", parts)}.";
    }
}
