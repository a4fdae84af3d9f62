using CXGear.Domain.Common;

namespace CXGear.Domain.DataTables;

/// <summary>Column rules: trimmed, non-empty, unique (case-sensitive), a bounded count and length.</summary>
public static class DataTableColumns
{
    public const int MaxColumns = 500;
    public const int MaxColumnLength = 200;

    public static IReadOnlyList<string> Validate(IEnumerable<string> columns)
    {
        var trimmed = (columns ?? throw new ArgumentNullException(nameof(columns))).Select(c => c?.Trim() ?? string.Empty).ToList();
        if (trimmed.Count == 0)
        {
            throw Invalid("columns", "At least one column is required.");
        }

        if (trimmed.Count > MaxColumns)
        {
            throw Invalid("columns", $"A table has at most {MaxColumns} columns.");
        }

        var empty = trimmed.FindIndex(c => c.Length == 0);
        if (empty >= 0)
        {
            throw Invalid("columns", $"Column {empty + 1} has no name.");
        }

        var tooLong = trimmed.Find(c => c.Length > MaxColumnLength);
        if (tooLong is not null)
        {
            throw Invalid("columns", $"Column names are at most {MaxColumnLength} characters.");
        }

        var duplicates = trimmed.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw Invalid("columns", $"Duplicate column names: {string.Join(", ", duplicates)}.");
        }

        return trimmed;
    }

    /// <summary>
    /// Maps a header onto the columns (same names, any order): <c>result[i]</c> is the header position of column i.
    /// Anything else is SCHEMA_MISMATCH with <c>missing</c> and <c>unknown</c> lists, so the client can fix its file.
    /// </summary>
    public static int[] MapHeader(IReadOnlyList<string> columns, IReadOnlyList<string> header)
    {
        if (columns.Count == 0)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The table has no columns yet: import a CSV first.");
        }

        var names = Validate(header).ToList();
        var missing = columns.Except(names, StringComparer.Ordinal).ToList();
        var unknown = names.Except(columns, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var error = new CXGearException(
                ErrorCodes.SchemaMismatch,
                $"Columns do not match the table. Missing: {Names(missing)}. Unknown: {Names(unknown)}.");
            error.Extensions["missing"] = missing;
            error.Extensions["unknown"] = unknown;
            throw error;
        }

        return columns.Select(c => names.IndexOf(c)).ToArray();
    }

    public static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }

    private static string Names(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
