using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Security;
using FluentValidation;

namespace CXGear.Application.Auth.Commands.ResetPassword;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Token).NotEmpty().WithMessage("Token is required.").MaximumLength(OpaqueTokens.MaxLength);
        RuleFor(x => x.NewPassword).AcceptablePassword();
    }
}
