using System.Text.Json;
using FluentValidation;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

public static class RecordBatchRules
{
    /// <summary>The batch's shape before any table is read: a JSON array of 1–500 entries.</summary>
    public static IRuleBuilderOptions<T, JsonElement> MustBeARecordBatch<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() is >= 1 and <= RecordBatch.MaxRecords)
            .WithMessage($"records is an array of 1 to {RecordBatch.MaxRecords} records.");
}
