using CXGear.Domain.Authorization;
using FluentValidation;

namespace CXGear.Application.Roles.Common;

public static class PermissionRuleExtensions
{
    /// <summary>Every key must be in the catalog; <c>*</c> stays with the system Admin role.</summary>
    public static void GrantableKeys<T>(this IRuleBuilderInitialCollection<T, string> rule) =>
        rule.NotEmpty().WithMessage("Permission keys cannot be blank.")
            .Must(key => key != Permissions.All).WithMessage("'*' is reserved for the system Admin role and cannot be granted by a custom role.")
            .Must(key => key is null || key == Permissions.All || Permissions.IsKnown(key)).WithMessage("'{PropertyValue}' is not a permission key; see GET /api/v1/permissions.");

    public static IRuleBuilderOptions<T, string> ValidRoleName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Role name is required.")
            .Must(name => name is null || name.Trim().Length <= Role.MaxNameLength).WithMessage($"Role name is at most {Role.MaxNameLength} characters.");
}
