using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Application.DataTables.Queries.GetIngestWebhook;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.SetIngestWebhook;

/// <summary>
/// Switches the table's ingest webhook on or off without touching its token: while off, the token is refused with the
/// same 401 as an unknown one; switched back on, the same token works again (docs/api.md#data-tables).
/// </summary>
public sealed record SetIngestWebhookCommand(Guid Id, bool? Enabled) : ICommand<IngestWebhookDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class SetIngestWebhookHandler(IApplicationDbContext db, IPublicApiUrl publicUrl, TimeProvider clock)
    : ICommandHandler<SetIngestWebhookCommand, IngestWebhookDto>
{
    public async ValueTask<IngestWebhookDto> Handle(SetIngestWebhookCommand command, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.FirstOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw DataTableNotFound.Error(command.Id);
        table.SetIngestWebhookEnabled(command.Enabled!.Value, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return new IngestWebhookDto(IngestWebhookUrls.TemplateFor(publicUrl), table.IngestEnabled, table.IngestTokenPrefix, table.IngestTokenLastUsedAt);
    }
}
