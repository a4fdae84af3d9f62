using CXGear.Application.Common.Paging;
using FluentValidation;

namespace CXGear.Application.Roles.Queries.GetRoles;

public sealed class GetRolesValidator : AbstractValidator<GetRolesQuery>
{
    public GetRolesValidator() => this.AddPagingRules();
}
