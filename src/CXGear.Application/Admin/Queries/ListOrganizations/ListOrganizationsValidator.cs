using CXGear.Application.Common.Paging;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using FluentValidation;

namespace CXGear.Application.Admin.Queries.ListOrganizations;

public sealed class ListOrganizationsValidator : AbstractValidator<ListOrganizationsQuery>
{
    public ListOrganizationsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(Organization.MaxNameLength);

        // An empty plan means "any plan"; anything else must be a plan id, not silently ignored.
        RuleFor(x => x.Plan)
            .Must(p => string.IsNullOrEmpty(p) || PlanIds.TryParse(p, out _))
            .WithMessage($"plan is one of {string.Join(", ", PlanIds.All)}.");

        // The usage filter names a meter and a threshold together; half of it would silently filter nothing.
        RuleFor(x => x.Meter)
            .Must(m => Meters.TryParse(m!, out _))
            .When(x => !string.IsNullOrEmpty(x.Meter))
            .WithMessage($"meter is one of {string.Join(", ", Meters.All.Select(m => m.Key()))}.");
        RuleFor(x => x.Meter).NotEmpty().When(x => x.MinUsed is not null).WithMessage("minUsed needs a meter.");
        RuleFor(x => x.MinUsed).NotNull().When(x => !string.IsNullOrEmpty(x.Meter)).WithMessage("meter needs minUsed.");
        RuleFor(x => x.MinUsed).GreaterThanOrEqualTo(0);
    }
}
