using CXGear.Application.Common.Abstractions;

namespace CXGear.Application.Common.Persistence;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in the context's transaction, joining one already open (the metering
    /// behavior's) instead of nesting. On SQLite the transaction begins IMMEDIATE, taking the write lock up
    /// front, so concurrent writers queue rather than fail on a lock upgrade; and this process's writers take turns
    /// before that (<see cref="IApplicationDbContext.EnterWriteTurnAsync"/>), so they queue in order, not in sleeps.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this IApplicationDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        using var turn = await db.EnterWriteTurnAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public static Task InTransactionAsync(this IApplicationDbContext db, Func<Task> work, CancellationToken cancellationToken) =>
        db.InTransactionAsync(
            async () =>
            {
                await work();
                return true;
            },
            cancellationToken);
}
