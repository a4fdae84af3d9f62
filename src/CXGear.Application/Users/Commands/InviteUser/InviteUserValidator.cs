using CXGear.Application.Auth.Common;
using CXGear.Domain.Users;
using FluentValidation;

namespace CXGear.Application.Users.Commands.InviteUser;

public sealed class InviteUserValidator : AbstractValidator<InviteUserCommand>
{
    /// <summary>Far more than any real user needs; keeps one request from naming every role in a loop.</summary>
    public const int MaxRoles = 20;

    public InviteUserValidator()
    {
        RuleFor(x => x.FullName).NotEmpty().WithMessage("Full name is required.").MaximumLength(User.MaxFullNameLength);
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.TemporaryPassword).AcceptablePassword();
        RuleFor(x => x.RoleIds).Must(ids => ids is null || ids.Count <= MaxRoles).WithMessage($"At most {MaxRoles} roles.");
        RuleForEach(x => x.RoleIds).NotEmpty().WithMessage("Role ids cannot be empty.");
    }
}
