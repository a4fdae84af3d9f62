using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Users.Common;

/// <summary>Builds <see cref="UserDto"/>s for a page of users with two more reads (their open sessions, their roles' names).</summary>
internal static class UserViews
{
    public static async Task<IReadOnlyList<UserDto>> ToDtosAsync(this IApplicationDbContext db, IReadOnlyList<User> users, DateTime now, CancellationToken cancellationToken)
    {
        var userIds = users.Select(u => u.Id).ToList();
        var roleIds = users.SelectMany(u => u.Roles.Select(r => r.RoleId)).Distinct().ToList();

        // The unique open-session index means at most one per user; ToLookup keeps this safe regardless.
        var sessions = (await db.Sessions.AsNoTracking()
                .Where(s => userIds.Contains(s.UserId) && s.EndReason == null)
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.UserId);
        var roleNames = await db.Roles.AsNoTracking()
            .Where(r => roleIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);

        return users.Select(u =>
        {
            var session = sessions[u.Id].OrderByDescending(s => s.StartedAt).FirstOrDefault();
            var roles = u.Roles
                .Where(r => roleNames.ContainsKey(r.RoleId))
                .Select(r => new UserRoleDto(r.RoleId, roleNames[r.RoleId]))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
            return new UserDto(
                u.Id,
                u.FullName,
                u.Email,
                roles,
                u.Status.ToWire(),
                session is not null && session.IsLiveAt(now),
                session?.DeviceLabel,
                session?.IpAddress,
                session?.LastActiveAt,
                u.LastLoginAt);
        }).ToList();
    }

    public static async Task<UserDto> ToDtoAsync(this IApplicationDbContext db, User user, DateTime now, CancellationToken cancellationToken) =>
        (await db.ToDtosAsync([user], now, cancellationToken))[0];
}
