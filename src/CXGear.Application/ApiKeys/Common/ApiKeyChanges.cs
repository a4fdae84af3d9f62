using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.ApiKeys.Common;

/// <summary>
/// Revocations and rotations of one key must not both succeed: each releases a meter place or creates a
/// successor. <c>RevokedAt</c> and <c>ReplacedByKeyId</c> are concurrency tokens, so the second writer's UPDATE
/// (which on SQL Server waits for the first to commit, then re-checks its WHERE) matches no row and EF throws;
/// its transaction rolls back (audit event included) and the caller gets 409 to read the key again. SQLite
/// already runs these one after another; the tokens make SQL Server as safe.
/// </summary>
internal static class ApiKeyChanges
{
    public static async Task<T> OneAtATimeAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The key was revoked or rotated at the same moment by another request. Read it again.");
        }
    }

    public static Task OneAtATimeAsync(Func<Task> change) =>
        OneAtATimeAsync(async () =>
        {
            await change();
            return true;
        });
}
