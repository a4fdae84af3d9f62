using CXGear.Domain.Organizations;
using FluentValidation;

namespace CXGear.Application.Billing.Commands.StartCheckout;

public sealed class StartCheckoutValidator : AbstractValidator<StartCheckoutCommand>
{
    public StartCheckoutValidator()
    {
        RuleFor(x => x.Plan).Custom((value, context) =>
        {
            if (!PlanIds.TryParse(value, out var plan))
            {
                context.AddFailure("plan is pro or advanced.");
            }
            else if (plan == PlanId.Enterprise)
            {
                context.AddFailure("Enterprise is not sold by checkout: contact us (sales) for custom limits.");
            }
            else if (plan == PlanId.Trial)
            {
                context.AddFailure("trial is the free plan every organization starts on; choose pro or advanced.");
            }
        });
    }
}
