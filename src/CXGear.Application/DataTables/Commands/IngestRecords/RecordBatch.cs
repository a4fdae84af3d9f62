using System.Runtime.InteropServices;
using System.Text.Json;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;
using CXGear.Domain.DataTables;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>
/// Checks pushed records against a table's columns before anything is written (docs/api.md#public-ingest-trigger-and-reads): each record a
/// flat object of column → string, number, boolean or null, every key a column (case-sensitive, like the CSV
/// header), strings ≤ 10,000 characters. One pass over the already-parsed JSON, no copies, so the check costs
/// little next to the insert; all problems are reported at once with <c>records[i].column</c> paths.
/// </summary>
public static class RecordBatch
{
    public const int MaxRecords = 500;

    public const int MaxStringLength = 10_000;

    // A batch of 500 broken records would otherwise answer with thousands of lines; the first ones are enough to fix the client.
    private const int MaxReportedErrors = 50;

    /// <summary>
    /// Validates the batch against <paramref name="columns"/> and encodes each record as the stored row: a JSON
    /// array in column order, a missing column as null. Nothing is returned for a bad batch; it throws.
    /// </summary>
    public static string[] Encode(IReadOnlyList<JsonElement> records, IReadOnlyList<string> columns)
    {
        var index = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index[columns[i]] = i;
        }

        Validate(records, columns);

        var json = new DataRowJson();
        var slots = new JsonElement[columns.Count];
        var rows = new string[records.Count];
        for (var r = 0; r < records.Count; r++)
        {
            Array.Clear(slots);
            foreach (var property in records[r].EnumerateObject())
            {
                slots[index[property.Name]] = property.Value;
            }

            rows[r] = json.FromSlots(slots);
        }

        return rows;
    }

    public static void Validate(IReadOnlyList<JsonElement> records, IReadOnlyList<string> tableColumns)
    {
        var columns = tableColumns.ToHashSet(StringComparer.Ordinal);
        SortedSet<string>? unknown = null;
        Dictionary<string, string[]>? errors = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.ValueKind != JsonValueKind.Object)
            {
                Add(ref errors, $"records[{i}]", "A record is an object of column → value.");
                continue;
            }

            seen.Clear();
            foreach (var property in record.EnumerateObject())
            {
                if (!columns.Contains(property.Name))
                {
                    (unknown ??= new SortedSet<string>(StringComparer.Ordinal)).Add(property.Name);
                    continue;
                }

                if (!seen.Add(property.Name))
                {
                    Add(ref errors, $"records[{i}].{property.Name}", "The column appears twice in the record.");
                    continue;
                }

                if (ValueProblem(property.Value) is { } problem)
                {
                    Add(ref errors, $"records[{i}].{property.Name}", problem);
                }
            }
        }

        if (unknown is not null)
        {
            throw DataTableColumns.SchemaMismatch(
                tableColumns, unknown, [], $"Unknown column(s): {string.Join(", ", unknown)}. Send only the table's columns; nothing was inserted.");
        }

        if (errors is not null)
        {
            throw new ValidationFailedException(errors, $"{errors.Count} field(s) are invalid; nothing was inserted.");
        }
    }

    private static string? ValueProblem(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => null,

        // The raw UTF-8 (quotes included) is never shorter than the decoded string, so almost every string is
        // cleared without decoding or allocating it.
        JsonValueKind.String when JsonMarshal.GetRawUtf8Value(value).Length - 2 <= MaxStringLength || value.GetString()!.Length <= MaxStringLength => null,
        JsonValueKind.String => $"A value is at most {MaxStringLength} characters.",
        _ => "A value is a string, number, boolean or null; records are flat.",
    };

    private static void Add(ref Dictionary<string, string[]>? errors, string path, string message)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (errors.Count < MaxReportedErrors)
        {
            errors[path] = [message];
        }
    }
}
