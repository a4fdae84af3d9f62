using CXGear.Application.Common.Abstractions;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

public sealed record IngestResult(bool Ok, int Inserted);

/// <summary>
/// The write path both ingest routes share (their commands are staged, <see cref="Common.Messaging.IStagedCommand"/>).
/// Validation and row encoding (the CPU work) happen here, in the request, against the columns read now, so
/// concurrent ingests overlap on that; the write itself is handed to <see cref="IngestGroupCommit"/>, which commits it
/// together with the other requests' batches queued at the same moment and answers once it is committed: lock the
/// table, number the rows, bulk insert, save the count, all or nothing per request. If the table's structure was
/// replaced in between, the batch is checked again there against the new columns.
/// </summary>
public sealed class TableIngestion(IApplicationDbContext db, IngestGroupCommit groupCommit)
{
    public async Task<IngestResult> IngestAsync(Guid tableId, RecordsJson records, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId, cancellationToken)
            ?? throw DataTableNotFound.Error(tableId);
        if (!table.HasColumns)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The table has no columns yet: import a CSV first.");
        }

        var columns = table.Columns;
        using var rows = RecordBatch.EncodeUtf8(records, columns);

        // Not cancelled with the request: once handed over, the batch is in a commit or was never written.
        await groupCommit.CommitAsync(tableId, columns, rows, newColumns => RecordBatch.EncodeUtf8(records, newColumns));
        return new IngestResult(true, rows.Length);
    }
}
