using CXGear.Domain.Organizations;
using FluentValidation;

namespace CXGear.Application.Admin.Commands.SetOrganizationStatus;

public sealed class SetOrganizationStatusValidator : AbstractValidator<SetOrganizationStatusCommand>
{
    public SetOrganizationStatusValidator()
    {
        RuleFor(x => x.Status)
            .Must(s => OrganizationStatuses.TryParse(s, out _))
            .WithMessage($"status is one of {string.Join(", ", OrganizationStatuses.All)}.");
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r))
            .When(x => x.Status == OrganizationStatuses.Suspended)
            .WithMessage("A suspension needs a reason.");
        RuleFor(x => x.Reason).MaximumLength(Organization.MaxSuspensionReasonLength);
    }
}
