using CXGear.Application.Common.Paging;
using FluentValidation;

namespace CXGear.Application.Roles.Queries.GetPermissions;

public sealed class GetPermissionsValidator : AbstractValidator<GetPermissionsQuery>
{
    public GetPermissionsValidator() => this.AddPagingRules();
}
