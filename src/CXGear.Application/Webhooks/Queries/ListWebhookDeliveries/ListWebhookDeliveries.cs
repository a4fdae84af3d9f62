using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Application.Webhooks.Common;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary><c>GET /webhook-endpoints/{id}/deliveries</c>: the endpoint's delivery log, newest first, each with its attempts.</summary>
public sealed record ListWebhookDeliveriesQuery(Guid EndpointId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResult<WebhookDeliveryDto>>, IRequirePermission, IPagedRequest
{
    public string Permission => Permissions.IntegrationsRead;
}

public sealed class ListWebhookDeliveriesHandler(IApplicationDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, PagedResult<WebhookDeliveryDto>>
{
    public async ValueTask<PagedResult<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == query.EndpointId, cancellationToken))
        {
            throw WebhookErrors.EndpointNotFound(query.EndpointId);
        }

        var page = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == query.EndpointId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .ToPageAsync(query, cancellationToken);
        return new PagedResult<WebhookDeliveryDto>(await WebhookDeliveryReads.ReadAsync(db, page.Items, cancellationToken), page.Page, page.PageSize, page.Total);
    }
}
