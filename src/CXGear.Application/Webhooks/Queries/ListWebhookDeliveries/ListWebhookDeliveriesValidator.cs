using CXGear.Application.Common.Paging;
using FluentValidation;

namespace CXGear.Application.Webhooks.Queries.ListWebhookDeliveries;

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesValidator() => this.AddPagingRules();
}
