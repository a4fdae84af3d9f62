using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Queries.ListWebhookEndpoints;

/// <summary><c>GET /webhook-endpoints</c>: the organization's endpoints, oldest first, without secrets.</summary>
public sealed record ListWebhookEndpointsQuery : IQuery<WebhookEndpointList>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsRead;
}

public sealed class ListWebhookEndpointsHandler(IApplicationDbContext db) : IQueryHandler<ListWebhookEndpointsQuery, WebhookEndpointList>
{
    public async ValueTask<WebhookEndpointList> Handle(ListWebhookEndpointsQuery query, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return new WebhookEndpointList(endpoints.Select(WebhookEndpointDto.From).ToList());
    }
}
