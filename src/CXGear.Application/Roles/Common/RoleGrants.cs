using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Security;
using CXGear.Application.Users.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Roles.Common;

/// <summary>
/// No escalation through roles (docs/decisions/0003-roles.md): whoever holds <c>roles.manage</c> may give a role only
/// keys they hold themselves (Admin's <c>*</c> holds all), and may not reshape a role held by someone beyond their
/// reach, or <c>roles.manage</c> alone would be a way to every permission.
/// </summary>
internal static class RoleGrants
{
    /// <summary>403 FORBIDDEN naming the first key the caller does not hold.</summary>
    public static void EnsureCallerHolds(IReadOnlySet<string> callerPermissions, IEnumerable<string> keys)
    {
        var missing = keys.FirstOrDefault(key => !Permissions.Grants(callerPermissions, key));
        if (missing is not null)
        {
            throw MissingPermission.Error(missing, $"You can only grant permissions you hold yourself; you do not hold {missing}.");
        }
    }

    /// <summary>Every holder of the role must be within the caller's reach (the same rule as editing a user).</summary>
    public static async Task EnsureHoldersWithinReachAsync(this IApplicationDbContext db, Guid roleId, IReadOnlySet<string> callerPermissions, CancellationToken cancellationToken)
    {
        var holders = await db.Users.AsNoTracking().Where(u => u.Roles.Any(r => r.RoleId == roleId)).ToListAsync(cancellationToken);
        foreach (var holder in holders)
        {
            await db.EnsureWithinReachAsync(holder, callerPermissions, cancellationToken);
        }
    }
}
