using CXGear.Application.Common.Security;
using FluentValidation;

namespace CXGear.Application.Auth.Commands.Refresh;

public sealed class RefreshValidator : AbstractValidator<RefreshCommand>
{
    public RefreshValidator() =>
        RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("Refresh token is required.").MaximumLength(OpaqueTokens.MaxLength);
}
