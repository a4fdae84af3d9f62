using CXGear.Domain.Billing;
using FluentValidation;

namespace CXGear.Application.Billing.Commands.UpdateBillingProfile;

public sealed class UpdateBillingProfileValidator : AbstractValidator<UpdateBillingProfileCommand>
{
    public UpdateBillingProfileValidator()
    {
        RuleFor(x => x.Country)
            .Must(c => Countries.Normalize(c) is not null)
            .When(x => x.Country is not null)
            .WithMessage("country must be an ISO 3166-1 alpha-2 code, such as US or IN.");
        RuleFor(x => x.BillingEmail)
            .MaximumLength(BillingAccount.MaxEmailLength)
            .EmailAddress()
            .When(x => !string.IsNullOrWhiteSpace(x.BillingEmail))
            .WithMessage("billingEmail must be an email address.");
    }
}
