using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Csv;
using CXGear.Domain.Authorization;
using CXGear.Domain.DataTables;
using Mediator;

namespace CXGear.Application.DataTables.Commands.AppendCsv;

/// <summary>
/// Adds a CSV's records after the existing rows. The header must name exactly the table's columns (in any order;
/// values are stored in column order), else SCHEMA_MISMATCH: new columns are never created silently. <see cref="Csv"/>
/// is received whole before the transaction begins (<see cref="IReceivesUpload"/>).
/// </summary>
public sealed record AppendCsvCommand(Guid Id, IUpload Csv) : ICommand<CsvLoadResult>, IRequirePermission, IReceivesUpload
{
    public string Permission => Permissions.ProjectsWrite;

    IUpload IReceivesUpload.Upload => Csv;
}

public sealed class AppendCsvHandler(IApplicationDbContext db, CsvRowLoader loader, TimeProvider clock) : ICommandHandler<AppendCsvCommand, CsvLoadResult>
{
    public async ValueTask<CsvLoadResult> Handle(AppendCsvCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var table = await db.LockForWriteAsync(command.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            using var reader = CsvRecordReader.Open(command.Csv.OpenRead(), DataTableColumns.MaxColumns);
            var header = await CsvRowLoader.ReadHeaderAsync(reader, cancellationToken);
            var order = table.MapHeader(header);
            var inserted = await loader.LoadAsync(reader, table, order, cancellationToken);
            return new CsvLoadResult(inserted, DataTableDto.From(table));
        }
        catch (CsvFormatException error)
        {
            throw CsvRowLoader.Malformed(error);
        }
    }
}
