using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Exceptions;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Users.Common;

/// <summary>The checks every role assignment passes, at invite and at edit.</summary>
internal static class RoleAssignments
{
    /// <summary>
    /// Returns the distinct role ids, each a system role or one of the caller's organization's (another
    /// organization's role is as unknown as a made-up id: 400 on <c>roleIds</c>). <paramref name="newlyGranted"/>
    /// are checked against the caller's own keys, so <c>users.manage</c> cannot be used to hand out more than one holds.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> CheckRoleAssignmentAsync(
        this IApplicationDbContext db,
        IReadOnlyList<Guid> roleIds,
        IEnumerable<Guid> alreadyHeld,
        IReadOnlySet<string> callerPermissions,
        CancellationToken cancellationToken)
    {
        var wanted = roleIds.Distinct().ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => wanted.Contains(r.Id)).ToListAsync(cancellationToken);
        var unknown = wanted.Except(roles.Select(r => r.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationFailedException.For("roleIds", $"Unknown role id(s): {string.Join(", ", unknown)}.");
        }

        var held = alreadyHeld.ToHashSet();
        var beyond = Beyond(roles.Where(r => !held.Contains(r.Id)), callerPermissions);
        if (beyond.Count > 0)
        {
            var denied = new CXGearException(
                ErrorCodes.Forbidden,
                $"You cannot assign {string.Join(", ", beyond)}: it grants permissions you do not hold.");
            denied.Extensions["roles"] = beyond;
            throw denied;
        }

        return wanted;
    }

    /// <summary>
    /// Someone who holds keys the caller lacks (an Admin, for a mere user manager) is out of the caller's reach:
    /// otherwise <c>users.manage</c> alone could disable or demote the organization's Admins.
    /// </summary>
    public static async Task EnsureWithinReachAsync(this IApplicationDbContext db, User user, IReadOnlySet<string> callerPermissions, CancellationToken cancellationToken)
    {
        var held = user.Roles.Select(r => r.RoleId).ToList();
        var roles = await db.Roles.AsNoTracking().Where(r => held.Contains(r.Id)).ToListAsync(cancellationToken);
        var beyond = Beyond(roles, callerPermissions);
        if (beyond.Count > 0)
        {
            var denied = new CXGearException(
                ErrorCodes.Forbidden,
                $"You cannot change {user.FullName}: their {string.Join(", ", beyond)} role grants permissions you do not hold.");
            denied.Extensions["roles"] = beyond;
            throw denied;
        }
    }

    /// <summary>
    /// The organization always keeps an active user holding the system Admin role, or nobody could manage it.
    /// Called before a change that takes <paramref name="user"/> out of that set (disabling, or removing Admin).
    /// </summary>
    public static async Task EnsureAnotherActiveAdminAsync(this IApplicationDbContext db, User user, CancellationToken cancellationToken)
    {
        var others = await db.Users.CountAsync(
            u => u.Id != user.Id && u.Status == UserStatus.Active && u.Roles.Any(r => r.RoleId == SystemRoles.AdminId),
            cancellationToken);
        if (others == 0)
        {
            throw new CXGearException(
                ErrorCodes.Conflict,
                $"{user.FullName} is the organization's last active Admin. Make another active user an Admin first.");
        }
    }

    private static List<string> Beyond(IEnumerable<Role> roles, IReadOnlySet<string> callerPermissions) =>
        roles.Where(r => r.Permissions.Any(key => !Permissions.Grants(callerPermissions, key))).Select(r => r.Name).ToList();
}
