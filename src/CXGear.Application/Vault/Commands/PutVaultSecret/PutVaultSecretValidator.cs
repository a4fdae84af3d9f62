using CXGear.Domain.Vault;
using FluentValidation;

namespace CXGear.Application.Vault.Commands.PutVaultSecret;

public sealed class PutVaultSecretValidator : AbstractValidator<PutVaultSecretCommand>
{
    public PutVaultSecretValidator()
    {
        RuleFor(x => x.Label).Must(VaultLabel.IsValid).WithMessage(VaultLabel.Rule);
        RuleFor(x => x.Value).Custom((value, context) =>
        {
            if (VaultSecret.ValueProblem(value) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(x => x.Description).MaximumLength(VaultSecret.MaxDescriptionLength);
    }
}
