using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Application.DataTables.Common;
using Mediator;

namespace CXGear.Application.DataTables.Commands.IngestViaWebhook;

/// <summary>
/// <c>POST /public/data-tables/ingest/{token}</c>: the table's own webhook. The token names the table, so the
/// body carries only the records; the rules and the write are those of the API-key route.
/// </summary>
public sealed record IngestViaWebhookCommand(RecordsJson Records) : ICommand<IngestResult>, IRequireIngestToken, IStagedCommand;

public sealed class IngestViaWebhookHandler(TableIngestion ingestion, ICurrentPrincipal principal) : ICommandHandler<IngestViaWebhookCommand, IngestResult>
{
    public async ValueTask<IngestResult> Handle(IngestViaWebhookCommand command, CancellationToken cancellationToken) =>
        await ingestion.IngestAsync(principal.DataTableId!.Value, command.Records, cancellationToken);
}
