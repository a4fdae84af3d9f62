using CXGear.Application.Common.Paging;
using CXGear.Application.Users.Common;
using FluentValidation;

namespace CXGear.Application.Users.Queries.ListUsers;

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(200);
        RuleFor(x => x.Status)
            .Must(s => s is null || UserStatuses.FromWire(s) is not null)
            .WithMessage($"status is '{UserStatuses.Active}' or '{UserStatuses.Disabled}'.");
    }
}
