using CXGear.Application.Common.Abstractions;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Auth;

/// <summary>Reads a user's effective permissions once per request (scoped) from their roles.</summary>
internal sealed class PermissionReader(AppDbContext db) : IPermissionReader
{
    private readonly Dictionary<Guid, IReadOnlySet<string>> _cache = [];

    public async Task<IReadOnlySet<string>> GetPermissionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var cached))
        {
            return cached;
        }

        var roleIds = db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).SelectMany(u => u.Roles.Select(r => r.RoleId));
        var lists = await db.Roles.AsNoTracking().Where(r => roleIds.Contains(r.Id)).Select(r => r.Permissions).ToListAsync(cancellationToken);
        var set = lists.SelectMany(p => p).ToHashSet(StringComparer.Ordinal);
        _cache[userId] = set;
        return set;
    }
}
