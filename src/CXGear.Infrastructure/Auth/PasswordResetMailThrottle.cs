using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Auth;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Auth;

/// <summary>
/// Applies <see cref="PasswordResetThrottle.MaySend"/> as one conditional <c>UPDATE</c> that also shifts the mail
/// times along, so the check and the count cannot be split by a concurrent request (as a read, a test and a save
/// could). The account's first request inserts its row; a concurrent first insert loses on the primary key and its
/// update then runs on the winner's row. Runs in the caller's transaction: a reset that rolls back counts nothing.
/// </summary>
internal sealed class PasswordResetMailThrottle(AppDbContext db) : IPasswordResetThrottle
{
    public async Task<bool> TryCountMailAsync(Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        // By hand so that nothing else staged in the change tracker is saved early.
        await InsertIfMissing.ExecuteAsync(
            db,
            $"""
            INSERT INTO "PasswordResetThrottles" ("UserId")
            SELECT {userId}
            WHERE NOT EXISTS (SELECT 1 FROM "PasswordResetThrottles" WHERE "UserId" = {userId})
            """,
            cancellationToken);

        var counted = await db.PasswordResetThrottles
            .Where(t => t.UserId == userId)
            .Where(PasswordResetThrottle.MaySend.At(now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.SentAt1, t => t.SentAt2)
                    .SetProperty(t => t.SentAt2, t => t.SentAt3)
                    .SetProperty(t => t.SentAt3, t => t.SentAt4)
                    .SetProperty(t => t.SentAt4, t => t.SentAt5)
                    .SetProperty(t => t.SentAt5, now),
                cancellationToken);
        return counted == 1;
    }
}
