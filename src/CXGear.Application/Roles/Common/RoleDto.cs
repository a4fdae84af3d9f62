using CXGear.Domain.Authorization;

namespace CXGear.Application.Roles.Common;

/// <summary>A role as the API shows it; <c>userCount</c> counts this organization's users holding it, disabled ones included.</summary>
public sealed record RoleDto(Guid Id, string Name, bool IsSystem, Guid? BasedOnRoleId, IReadOnlyList<string> Permissions, int UserCount)
{
    public static RoleDto From(Role role, int userCount) =>
        new(role.Id, role.Name, role.IsSystem, role.BasedOnRoleId, role.Permissions.ToList(), userCount);
}
