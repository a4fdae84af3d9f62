using CXGear.Application.Users.Commands.InviteUser;
using CXGear.Application.Users.Common;
using FluentValidation;

namespace CXGear.Application.Users.Commands.UpdateUser;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(x => x.RoleIds)
            .Must(ids => ids is null || ids.Count > 0).WithMessage("A user holds at least one role.")
            .Must(ids => ids is null || ids.Count <= InviteUserValidator.MaxRoles).WithMessage($"At most {InviteUserValidator.MaxRoles} roles.");
        RuleForEach(x => x.RoleIds).NotEmpty().WithMessage("Role ids cannot be empty.");
        RuleFor(x => x.Status)
            .Must(s => s is null || UserStatuses.FromWire(s) is not null)
            .WithMessage($"status is '{UserStatuses.Active}' or '{UserStatuses.Disabled}'.");
    }
}
