using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Queries.GetWebhookEndpoint;

/// <summary><c>GET /webhook-endpoints/{id}</c>: one endpoint, with why it was disabled if it was.</summary>
public sealed record GetWebhookEndpointQuery(Guid Id) : IQuery<WebhookEndpointDto>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsRead;
}

public sealed class GetWebhookEndpointHandler(IApplicationDbContext db) : IQueryHandler<GetWebhookEndpointQuery, WebhookEndpointDto>
{
    public async ValueTask<WebhookEndpointDto> Handle(GetWebhookEndpointQuery query, CancellationToken cancellationToken) =>
        WebhookEndpointDto.From(await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == query.Id, cancellationToken)
            ?? throw WebhookErrors.EndpointNotFound(query.Id));
}
