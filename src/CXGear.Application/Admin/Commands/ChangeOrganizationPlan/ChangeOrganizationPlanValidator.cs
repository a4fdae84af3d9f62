using CXGear.Domain.Organizations;
using FluentValidation;

namespace CXGear.Application.Admin.Commands.ChangeOrganizationPlan;

public sealed class ChangeOrganizationPlanValidator : AbstractValidator<ChangeOrganizationPlanCommand>
{
    public ChangeOrganizationPlanValidator()
    {
        RuleFor(x => x.Plan)
            .Must(p => PlanIds.TryParse(p, out _))
            .WithMessage($"plan is one of {string.Join(", ", PlanIds.All)}.");
    }
}
