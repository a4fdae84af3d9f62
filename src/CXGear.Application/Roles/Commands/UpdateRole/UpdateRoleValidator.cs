using CXGear.Application.Roles.Common;
using FluentValidation;

namespace CXGear.Application.Roles.Commands.UpdateRole;

public sealed class UpdateRoleValidator : AbstractValidator<UpdateRoleCommand>
{
    public UpdateRoleValidator()
    {
        RuleFor(x => x.Name!).ValidRoleName().When(x => x.Name is not null);
        RuleForEach(x => x.Permissions).GrantableKeys();
    }
}
