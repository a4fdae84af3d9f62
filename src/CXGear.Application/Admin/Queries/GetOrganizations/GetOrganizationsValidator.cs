using CXGear.Application.Common.Paging;
using CXGear.Domain.Organizations;
using FluentValidation;

namespace CXGear.Application.Admin.Queries.GetOrganizations;

public sealed class GetOrganizationsValidator : AbstractValidator<GetOrganizationsQuery>
{
    public GetOrganizationsValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(Organization.MaxNameLength);

        // An empty plan means "any plan"; anything else must be a plan id, not silently ignored.
        RuleFor(x => x.Plan)
            .Must(p => string.IsNullOrEmpty(p) || PlanIds.TryParse(p, out _))
            .WithMessage($"plan is one of {string.Join(", ", PlanIds.All)}.");
    }
}
