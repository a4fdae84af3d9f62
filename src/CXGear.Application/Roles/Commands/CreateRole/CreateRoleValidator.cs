using CXGear.Application.Roles.Common;
using FluentValidation;

namespace CXGear.Application.Roles.Commands.CreateRole;

public sealed class CreateRoleValidator : AbstractValidator<CreateRoleCommand>
{
    public CreateRoleValidator()
    {
        RuleFor(x => x.Name).ValidRoleName();
        RuleFor(x => x.BasedOnRoleId).NotEmpty().WithMessage("basedOnRoleId is required: the system role to extend.");
        RuleForEach(x => x.Permissions).GrantableKeys();
    }
}
