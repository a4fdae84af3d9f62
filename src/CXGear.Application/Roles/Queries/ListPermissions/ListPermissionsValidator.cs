using CXGear.Application.Common.Paging;
using FluentValidation;

namespace CXGear.Application.Roles.Queries.ListPermissions;

public sealed class ListPermissionsValidator : AbstractValidator<ListPermissionsQuery>
{
    public ListPermissionsValidator() => this.AddPagingRules();
}
