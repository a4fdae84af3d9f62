using CXGear.Application.Webhooks.Common;
using FluentValidation;

namespace CXGear.Application.Webhooks.Commands.CreateWebhookEndpoint;

public sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointValidator()
    {
        RuleFor(x => x.Url).AddUrlRule();
        RuleFor(x => x.Events).AddEventsRule();
        RuleFor(x => x.Description).AddDescriptionRule();
    }
}
