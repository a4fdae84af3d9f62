using CXGear.Application.Common.Security;
using CXGear.Domain.Sessions;
using FluentValidation;

namespace CXGear.Application.Auth.Commands.ExchangeSignInCode;

public sealed class ExchangeSignInCodeValidator : AbstractValidator<ExchangeSignInCodeCommand>
{
    public ExchangeSignInCodeValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("Code is required.").MaximumLength(OpaqueTokens.MaxLength);
        RuleFor(x => x.DeviceLabel).MaximumLength(Session.MaxDeviceLabelLength);
    }
}
