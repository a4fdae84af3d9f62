using System.Text.Json;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.ApiKeys;
using Mediator;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>
/// <c>POST /public/ingest</c>: 1–500 rows pushed by a CRM with an <c>ingest</c> key into a table of the key's
/// organization (another organization's table is a 404).
/// </summary>
/// <remarks>
/// The 404 comes from the tenant filter. <see cref="Records"/> stays the parsed JSON array: one document for the
/// whole batch, checked and encoded without per-record copies.
/// </remarks>
public sealed record IngestRecordsCommand(Guid DataTableId, JsonElement Records) : ICommand<IngestResult>, IRequireScope, IStagedCommand
{
    public string Scope => ApiKeyScopes.Ingest;
}

public sealed class IngestRecordsHandler(TableIngestion ingestion) : ICommandHandler<IngestRecordsCommand, IngestResult>
{
    public async ValueTask<IngestResult> Handle(IngestRecordsCommand command, CancellationToken cancellationToken) =>
        await ingestion.IngestAsync(command.DataTableId, command.Records, cancellationToken);
}
