using System.Text.Json;
using CXGear.Application.DataTables.Common;
using FluentValidation;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>The batch's shape before any table is read: a JSON array of 1–500 entries, as read from a body or already parsed (a trigger's).</summary>
public static class RecordBatchRules
{
    private static readonly string Message = $"records is an array of 1 to {RecordBatch.MaxRecords} records.";

    public static IRuleBuilderOptions<T, RecordsJson> MustBeARecordBatch<T>(this IRuleBuilder<T, RecordsJson> rule) =>
        rule.Must(r => r is not null && HoldsABatch(r.Count)).WithMessage(Message);

    public static IRuleBuilderOptions<T, JsonElement> MustBeARecordBatch<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(r => HoldsABatch(r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : -1)).WithMessage(Message);

    // Count is -1 for a value that is not an array.
    private static bool HoldsABatch(int count) => count is >= 1 and <= RecordBatch.MaxRecords;
}
