using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Domain.Audit;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Application.DataTables.Common;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.RotateIngestToken;

/// <summary>The one response that carries the token: copy it now, it is not shown again.</summary>
/// <remarks>Printing it (logs, debuggers) shows only the URL's shape.</remarks>
public sealed record IngestTokenIssued(string Url, string Token)
{
    public override string ToString() => $"IngestTokenIssued {{ Url = {IngestWebhookUrls.Template} }}";
}

/// <summary>
/// Issues the table's webhook token (the first time, or again after a leak). The old token is refused from the
/// moment this commits: only the new hash is stored.
/// </summary>
public sealed record RotateIngestTokenCommand(Guid Id) : ICommand<IngestTokenIssued>, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class RotateIngestTokenHandler(IApplicationDbContext db, IPublicApiUrl publicUrl, IAuditLog audit, WebhookOutbox webhooks, TimeProvider clock)
    : ICommandHandler<RotateIngestTokenCommand, IngestTokenIssued>
{
    public async ValueTask<IngestTokenIssued> Handle(RotateIngestTokenCommand command, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.FirstOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
            ?? throw DataTableNotFound.Error(command.Id);
        var issued = SecretFormat.IngestToken.Generate();
        table.RotateIngestToken(issued.LookupPrefix, issued.Hash, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditEventTypes.IngestTokenRotated, new { dataTableId = table.Id, tokenPrefix = issued.LookupPrefix });

        // The systems posting to the old URL start failing now; the event tells them (never the token itself).
        await webhooks.AddAsync(table.OrganizationId, WebhookEventTypes.IngestWebhookRotated, DataTableDto.From(table), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new IngestTokenIssued(IngestWebhookUrls.For(publicUrl, issued.Secret), issued.Secret);
    }
}
