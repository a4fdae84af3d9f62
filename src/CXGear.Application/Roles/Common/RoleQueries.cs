using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Roles.Common;

internal static class RoleQueries
{
    /// <summary>How many of the caller's organization's users hold each role (the user set is tenant-filtered).</summary>
    public static async Task<Dictionary<Guid, int>> CountHoldersAsync(this IApplicationDbContext db, IReadOnlyCollection<Guid> roleIds, CancellationToken cancellationToken) =>
        await db.Users
            .SelectMany(u => u.Roles)
            .Where(r => roleIds.Contains(r.RoleId))
            .GroupBy(r => r.RoleId)
            .Select(g => new { RoleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.RoleId, x => x.Count, cancellationToken);

    public static async Task<RoleDto> ToDtoAsync(this IApplicationDbContext db, Role role, CancellationToken cancellationToken)
    {
        var counts = await db.CountHoldersAsync([role.Id], cancellationToken);
        return RoleDto.From(role, counts.GetValueOrDefault(role.Id));
    }

    /// <summary>A system role or one of the caller's organization's; anything else (another organization's too) is 404.</summary>
    public static async Task<Role> GetRoleAsync(this IApplicationDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Roles.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new CXGearException(ErrorCodes.NotFound, "Role not found.");

    /// <summary>
    /// Names are unique across the system roles and the organization's own, ignoring case, so that "admin" cannot
    /// pass for "Admin" in a role picker. Roles per organization are few, so the names are compared in memory.
    /// </summary>
    public static async Task EnsureNameFreeAsync(this IApplicationDbContext db, string name, Guid? exceptRoleId, CancellationToken cancellationToken)
    {
        var wanted = name.Trim();
        var names = await db.Roles.Where(r => r.Id != exceptRoleId).Select(r => r.Name).ToListAsync(cancellationToken);
        if (names.Contains(wanted, StringComparer.OrdinalIgnoreCase))
        {
            throw DuplicateName(wanted);
        }
    }

    public static CXGearException DuplicateName(string name) =>
        new(ErrorCodes.Conflict, $"A role named '{name.Trim()}' already exists.");
}
