using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Security;
using FluentValidation;

namespace CXGear.Application.Auth.Commands.ChangePassword;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Current password is required.").MaximumLength(PasswordRules.MaxLength);
        RuleFor(x => x.NewPassword).AcceptablePassword();
        RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}
