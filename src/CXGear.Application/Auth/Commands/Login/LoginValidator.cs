using CXGear.Application.Common.Security;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;
using FluentValidation;

namespace CXGear.Application.Auth.Commands.Login;

public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator()
    {
        // Login checks shape only: the password policy applies when passwords are set, not when they are tried.
        RuleFor(x => x.Email).NotEmpty().WithMessage("Email is required.").MaximumLength(User.MaxEmailLength);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Password is required.").MaximumLength(PasswordRules.MaxLength);
        RuleFor(x => x.DeviceLabel).MaximumLength(Session.MaxDeviceLabelLength);
    }
}
