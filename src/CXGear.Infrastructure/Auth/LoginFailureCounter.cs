using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Auth;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Auth;

/// <summary>
/// Counts a failed sign-in in the database itself, at once and atomically, not through the change tracker: a read,
/// an increment and a save would let N parallel wrong passwords count as one (each read the same count), and an
/// attacker guess without end. The first failure of an address inserts its row; a concurrent first insert loses on the
/// primary key and its update then counts on the winner's row. The rule itself is the domain's
/// (<see cref="LoginThrottle.CountAfterFailure"/>); this only applies it as one <c>UPDATE</c>.
/// </summary>
internal sealed class LoginFailureCounter(AppDbContext db) : ILoginFailureCounter
{
    public async Task<LoginThrottle> CountAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        // By hand so that nothing else staged in the change tracker is saved early.
        await InsertIfMissing.ExecuteAsync(
            db,
            $"""
            INSERT INTO "LoginThrottles" ("Id", "FailedCount")
            SELECT {key}, 0
            WHERE NOT EXISTS (SELECT 1 FROM "LoginThrottles" WHERE "Id" = {key})
            """,
            cancellationToken);

        await db.LoginThrottles
            .Where(t => t.Id == key)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.FailedCount, LoginThrottle.CountAfterFailure.At(now))
                    .SetProperty(t => t.LockedUntil, LoginThrottle.LockedUntilAfterFailure.At(now)),
                cancellationToken);
        return await db.LoginThrottles.AsNoTracking().SingleAsync(t => t.Id == key, cancellationToken);
    }
}
