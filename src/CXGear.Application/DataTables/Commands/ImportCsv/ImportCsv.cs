using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Csv;
using CXGear.Domain.Authorization;
using CXGear.Domain.DataTables;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.ImportCsv;

/// <summary>
/// A CSV import: the header becomes the table's columns and the records its rows. Allowed on an empty table, or
/// with <see cref="Replace"/> (the old rows go). <see cref="Csv"/> is received whole before the transaction begins
/// (<see cref="IReceivesUpload"/>); the file then streams into the database in batches inside one transaction, so a
/// malformed line anywhere leaves the table exactly as it was.
/// </summary>
public sealed record ImportCsvCommand(Guid Id, IUpload Csv, bool Replace) : ICommand<CsvLoadResult>, IRequirePermission, IReceivesUpload
{
    public string Permission => Permissions.ProjectsWrite;

    IUpload IReceivesUpload.Upload => Csv;
}

public sealed class ImportCsvHandler(IApplicationDbContext db, CsvRowLoader loader, TimeProvider clock) : ICommandHandler<ImportCsvCommand, CsvLoadResult>
{
    public async ValueTask<CsvLoadResult> Handle(ImportCsvCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var table = await db.LockForWriteAsync(command.Id, now, cancellationToken);
            using var reader = CsvRecordReader.Open(command.Csv.OpenRead(), DataTableColumns.MaxColumns);
            var header = await CsvRowLoader.ReadHeaderAsync(reader, cancellationToken);
            var hadRows = table.RowCount > 0;
            table.DefineColumns(header, command.Replace, now);
            if (hadRows)
            {
                await db.DataRows.Where(r => r.DataTableId == table.Id).ExecuteDeleteAsync(cancellationToken);
            }

            var order = Enumerable.Range(0, table.Columns.Count).ToArray();
            var inserted = await loader.LoadAsync(reader, table, order, cancellationToken);
            return new CsvLoadResult(inserted, DataTableDto.From(table));
        }
        catch (CsvFormatException error)
        {
            throw CsvRowLoader.Malformed(error);
        }
    }
}
