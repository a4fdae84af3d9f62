using System.Text.Json;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

public sealed record IngestResult(bool Ok, int Inserted);

/// <summary>
/// The write path both ingest routes share (their commands are staged, <see cref="Common.Messaging.IStagedCommand"/>).
/// Validation and row encoding (the CPU work) happen before the transaction, against the columns read then, so
/// concurrent ingests overlap on that and queue only for the write itself, which the unit of work runs at commit:
/// lock the table, number the rows, one bulk insert, save the count — all or nothing. If the table's structure was
/// replaced in between, the batch is checked again against the new columns.
/// </summary>
public sealed class TableIngestion(IApplicationDbContext db, IBulkRowWriter writer, UnitOfWork unitOfWork, TimeProvider clock)
{
    public async Task<IngestResult> IngestAsync(Guid tableId, JsonElement records, CancellationToken cancellationToken)
    {
        var batch = records.EnumerateArray().ToList();
        var table = await db.DataTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId, cancellationToken)
            ?? throw DataTableNotFound.Error(tableId);
        if (!table.HasColumns)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The table has no columns yet: import a CSV first.");
        }

        var columns = table.Columns;
        var rows = RecordBatch.Encode(batch, columns);

        await unitOfWork.WriteAsync(
            async ct =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var locked = await db.LockForWriteAsync(tableId, now, ct);
                if (!locked.Columns.SequenceEqual(columns, StringComparer.Ordinal))
                {
                    rows = RecordBatch.Encode(batch, locked.Columns);
                }

                var first = locked.AppendRows(rows.Length, now);
                await writer.WriteAsync(tableId, first, rows, ct);

                // The whole transaction is the unit here; EF's savepoint around the unit's save would add two
                // statements to every batch inside the write lock and protect nothing a rollback does not.
                db.Database.AutoSavepointsEnabled = false;
            },
            cancellationToken);
        return new IngestResult(true, batch.Count);
    }
}
