using CXGear.Application.Common.Abstractions;
using CXGear.Csv;
using CXGear.Domain.Common;
using CXGear.Domain.DataTables;

namespace CXGear.Application.DataTables.Common;

/// <summary>
/// Streams the records after a CSV header into a table: batches of <see cref="BatchSize"/> rows are numbered by
/// the table and written through <see cref="IBulkRowWriter"/>, all in the caller's transaction. Memory stays at
/// one batch whatever the file's size; any bad line throws, and the caller's rollback leaves nothing imported.
/// </summary>
public sealed class CsvRowLoader(IBulkRowWriter writer, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>Reads the header; a file without one is a validation error.</summary>
    public static async Task<string[]> ReadHeaderAsync(CsvRecordReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken)
            ?? throw DataTableColumns.Invalid("csv", "The CSV is empty: its first line must name the columns.");

    /// <summary>Loads every remaining record; <paramref name="order"/> maps columns to header positions.</summary>
    public async Task<long> LoadAsync(CsvRecordReader reader, DataTable table, int[] order, CancellationToken cancellationToken)
    {
        var json = new DataRowJson();
        var batch = new List<string>(BatchSize);
        long total = 0;
        while (await reader.ReadAsync(cancellationToken) is { } record)
        {
            if (record.Length != order.Length)
            {
                throw new CsvFormatException(reader.RecordLine, $"expected {order.Length} fields, found {record.Length}.");
            }

            batch.Add(json.FromFields(record, order));
            if (batch.Count == BatchSize)
            {
                total += await FlushAsync(table, batch, cancellationToken);
            }
        }

        return total + await FlushAsync(table, batch, cancellationToken);
    }

    /// <summary>The contract's VALIDATION_ERROR for a malformed CSV, naming the line (also as <c>line</c> in the body).</summary>
    public static CXGearException Malformed(CsvFormatException error)
    {
        var problem = DataTableColumns.Invalid("csv", error.Message);
        problem.Extensions["line"] = error.Line;
        return problem;
    }

    private async Task<int> FlushAsync(DataTable table, List<string> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var first = table.AppendRows(batch.Count, clock.GetUtcNow().UtcDateTime);
        await writer.WriteAsync(table.Id, first, batch, cancellationToken);
        var written = batch.Count;
        batch.Clear();
        return written;
    }
}
