using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.ApiKeys;
using Mediator;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>
/// <c>POST /public/ingest</c>: 1–500 rows pushed by a CRM with an <c>ingest</c> key into a table of the key's
/// organization (another organization's table is a 404).
/// </summary>
/// <remarks>
/// The 404 comes from the tenant filter. <see cref="Records"/> stays the JSON the client sent, read out of the body
/// without being parsed into a document; it is checked and encoded in one pass.
/// </remarks>
public sealed record IngestRecordsCommand(Guid DataTableId, RecordsJson Records) : ICommand<IngestResult>, IRequireScope, IStagedCommand
{
    public string Scope => ApiKeyScopes.Ingest;
}

public sealed class IngestRecordsHandler(TableIngestion ingestion) : ICommandHandler<IngestRecordsCommand, IngestResult>
{
    public async ValueTask<IngestResult> Handle(IngestRecordsCommand command, CancellationToken cancellationToken) =>
        await ingestion.IngestAsync(command.DataTableId, command.Records, cancellationToken);
}
