using CXGear.Application.Auth.Common;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;
using FluentValidation;

namespace CXGear.Application.Auth.Commands.SignUp;

public sealed class SignUpValidator : AbstractValidator<SignUpCommand>
{
    public SignUpValidator()
    {
        RuleFor(x => x.FullName).NotEmpty().WithMessage("Full name is required.").MaximumLength(User.MaxFullNameLength);
        RuleFor(x => x.OrganizationName).NotEmpty().WithMessage("Organization name is required.").MaximumLength(Organization.MaxNameLength);
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.Password).AcceptablePassword();
        RuleFor(x => x.DeviceLabel).MaximumLength(Session.MaxDeviceLabelLength);
    }
}
