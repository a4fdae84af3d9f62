using CXGear.Application.Webhooks.Common;
using FluentValidation;

namespace CXGear.Application.Webhooks.Commands.UpdateWebhookEndpoint;

public sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpointCommand>
{
    public UpdateWebhookEndpointValidator()
    {
        RuleFor(x => x.Url).AddUrlRule().When(x => x.Url is not null);
        RuleFor(x => x.Events).AddEventsRule().When(x => x.Events is not null);
        RuleFor(x => x.Description).AddDescriptionRule();
    }
}
