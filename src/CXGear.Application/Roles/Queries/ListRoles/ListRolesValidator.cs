using CXGear.Application.Common.Paging;
using FluentValidation;

namespace CXGear.Application.Roles.Queries.ListRoles;

public sealed class ListRolesValidator : AbstractValidator<ListRolesQuery>
{
    public ListRolesValidator() => this.AddPagingRules();
}
