using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;

namespace CXGear.Application.Common.Security;

/// <summary>The one 403 for a permission the caller lacks: FORBIDDEN, naming the key in <c>permission</c>.</summary>
public static class MissingPermission
{
    public static CXGearException Error(string permission, string? message = null)
    {
        var denied = new CXGearException(ErrorCodes.Forbidden, message ?? $"Missing permission: {permission}");
        denied.Extensions["permission"] = permission;
        return denied;
    }

    /// <summary>For a permission that depends on what the request touches (a key's scopes, a project's contents).</summary>
    public static async Task EnsureHeldAsync(this IPermissionReader permissions, ICurrentPrincipal principal, string permission, CancellationToken cancellationToken)
    {
        if (!Permissions.Grants(await permissions.CallerPermissionsAsync(principal, cancellationToken), permission))
        {
            throw Error(permission);
        }
    }

    /// <summary>The signed-in member's keys (as the authorization behavior reads them).</summary>
    public static Task<IReadOnlySet<string>> CallerPermissionsAsync(this IPermissionReader permissions, ICurrentPrincipal principal, CancellationToken cancellationToken) =>
        permissions.GetPermissionsAsync(principal.UserId!.Value, cancellationToken);
}
