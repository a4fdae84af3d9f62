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
    /// An append's header must equal the table's columns, in the table's order (the contract's rule: a file that
    /// fits is byte-for-byte the shape the table was imported with). Returns, for the loader, the header position of each
    /// column (always 0, 1, 2… once the check passed). Anything else is <see cref="SchemaMismatch"/>; a header with the
    /// right names in another order names no unknown or missing column and its message gives the order to use.
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
            throw SchemaMismatch(columns, unknown, missing, $"Columns do not match the table. Missing: {Names(missing)}. Unknown: {Names(unknown)}.");
        }

        if (!names.SequenceEqual(columns, StringComparer.Ordinal))
        {
            throw SchemaMismatch(columns, [], [], $"The header must list the table's columns in its order: {string.Join(", ", columns)}.");
        }

        return Enumerable.Range(0, columns.Count).ToArray();
    }

    /// <summary>
    /// The one SCHEMA_MISMATCH body, for CSV append and both ingest routes alike: <c>unknownColumns</c> (sent, not
    /// columns of the table), <c>missingColumns</c> (columns the table has that were not sent; always empty for ingest,
    /// where a missing column is stored as null) and <c>columns</c> (the table's columns, in order), so a client can fix
    /// its data from the body alone.
    /// </summary>
    public static CXGearException SchemaMismatch(IReadOnlyList<string> columns, IEnumerable<string> unknown, IEnumerable<string> missing, string message)
    {
        var error = new CXGearException(ErrorCodes.SchemaMismatch, message);
        error.Extensions["unknownColumns"] = unknown.ToArray();
        error.Extensions["missingColumns"] = missing.ToArray();
        error.Extensions["columns"] = columns.ToArray();
        return error;
    }

    public static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }

    private static string Names(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
