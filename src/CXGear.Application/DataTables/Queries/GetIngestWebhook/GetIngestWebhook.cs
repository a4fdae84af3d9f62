using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.GetIngestWebhook;

/// <summary>
/// The webhook's settings without its secret: <see cref="Url"/> has a literal <c>{token}</c> where the token goes,
/// <see cref="TokenPrefix"/> tells which token is live. Disabled (and no prefix) until the first rotation.
/// </summary>
public sealed record IngestWebhookDto(string Url, bool Enabled, string? TokenPrefix, DateTime? LastUsedAt);

public sealed record GetIngestWebhookQuery(Guid Id) : IQuery<IngestWebhookDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsRead;
}

public sealed class GetIngestWebhookHandler(IApplicationDbContext db, IPublicApiUrl publicUrl) : IQueryHandler<GetIngestWebhookQuery, IngestWebhookDto>
{
    public async ValueTask<IngestWebhookDto> Handle(GetIngestWebhookQuery query, CancellationToken cancellationToken)
    {
        var table = await db.DataTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
            ?? throw DataTableNotFound.Error(query.Id);
        return new IngestWebhookDto(IngestWebhookUrls.TemplateFor(publicUrl), table.IngestEnabled, table.IngestTokenPrefix, table.IngestTokenLastUsedAt);
    }
}
