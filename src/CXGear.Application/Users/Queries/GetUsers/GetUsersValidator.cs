using CXGear.Application.Common.Paging;
using CXGear.Application.Users.Common;
using FluentValidation;

namespace CXGear.Application.Users.Queries.GetUsers;

public sealed class GetUsersValidator : AbstractValidator<GetUsersQuery>
{
    public GetUsersValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Search).MaximumLength(200);
        RuleFor(x => x.Status)
            .Must(s => s is null || UserStatuses.FromWire(s) is not null)
            .WithMessage($"status is '{UserStatuses.Active}' or '{UserStatuses.Disabled}'.");
    }
}
