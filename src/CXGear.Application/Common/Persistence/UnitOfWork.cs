using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Common.Persistence;

/// <summary>
/// The one place that opens a transaction for a change: the unit-of-work behavior runs every command through it, and
/// the runtime its own writes. It waits for this process's write turn (<see cref="IApplicationDbContext.EnterWriteTurnAsync"/>:
/// on SQLite writers queue in order instead of backing off in sleeps), begins the transaction (IMMEDIATE on SQLite),
/// saves what the work left in the change tracker (which also counts the plan meters, see docs/architecture.md#pipeline-behaviors), and
/// commits. Anything thrown rolls back everything, meters included, except a refusal that
/// <see cref="CXGearException.KeepsChanges"/>. A write that lost a race on a concurrency token is 409 CONFLICT.
/// </summary>
public sealed class UnitOfWork(IApplicationDbContext db)
{
    private readonly List<Func<CancellationToken, Task>> _atCommit = [];

    /// <summary>
    /// A write that bypasses the change tracker (a bulk insert) and so must run inside the transaction: at once when a
    /// unit is open, else (a staged unit) at commit, before the save, in the order given. Staged work prepares what it
    /// can before (validating and encoding rows) so the write lock is held only for the write.
    /// </summary>
    public Task WriteAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return write(cancellationToken);
        }

        _atCommit.Add(write);
        return Task.CompletedTask;
    }

    /// <summary>The work runs inside the transaction. Work started inside an open unit joins it.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        return await GuardAsync(
            async () =>
            {
                using var turn = await db.EnterWriteTurnAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                T result;
                try
                {
                    result = await work();
                }
                catch (CXGearException refusal) when (refusal.KeepsChanges)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    throw;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            });
    }

    public Task RunAsync(Func<Task> work, CancellationToken cancellationToken) =>
        RunAsync(
            async () =>
            {
                await work();
                return true;
            },
            cancellationToken);

    /// <summary>
    /// The work only reads and stages changes; the write turn and the transaction are taken afterwards, just to save
    /// them, so slow work (hashing a password) never holds the write lock. What the work read may have changed by
    /// then: a save that breaks a constraint lost a race with another request and is 409 CONFLICT.
    /// </summary>
    public async Task<T> RunStagedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        T result;
        try
        {
            result = await work();
        }
        catch (CXGearException refusal) when (refusal.KeepsChanges)
        {
            // A refusal keeps what it recorded in the change tracker, never a staged bulk write.
            _atCommit.Clear();
            try
            {
                await CommitStagedAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The refusal stands even if recording it lost a race (two first failures inserting one counter).
                db.ChangeTracker.Clear();
            }

            throw;
        }
        catch
        {
            _atCommit.Clear();
            db.ChangeTracker.Clear();
            throw;
        }

        if (_atCommit.Count == 0 && !db.ChangeTracker.HasChanges())
        {
            // Nothing staged (an ingest's rows were committed by its group): no empty transaction, no write turn.
            return result;
        }

        await CommitStagedAsync(cancellationToken);
        return result;
    }

    private Task CommitStagedAsync(CancellationToken cancellationToken) =>
        GuardAsync(
            async () =>
            {
                using var turn = await db.EnterWriteTurnAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var writes = _atCommit.ToList();
                _atCommit.Clear();
                foreach (var write in writes)
                {
                    await write(cancellationToken);
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
                {
                    throw LostRace();
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            });

    /// <summary>
    /// Nothing of a failed unit stays tracked (a later save in the same scope, such as the idempotency record, must not
    /// write it); a lost race on a concurrency token becomes 409 here rather than in every handler.
    /// </summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> unit)
    {
        try
        {
            return await unit();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw LostRace();
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static CXGearException LostRace() =>
        new(ErrorCodes.Conflict, "Another request changed this at the same moment. Read it again and retry.");
}
