using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.Webhooks.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Webhooks.Retention;

public sealed record WebhookPurgeResult(int Deliveries, int Messages);

/// <summary>
/// Keeps the outbound webhook log bounded: a delivery that ended (succeeded, or failed for good) more than
/// <see cref="WebhookOptions.RetentionDays"/> ago is deleted with its attempts, and then a message older than that
/// which no delivery still references (a recent replay keeps its message). A pending delivery is never deleted, however
/// old. Deletes go in chunks, each its own short write transaction, so a large backlog never holds the database's write
/// lock for long. Every organization at once: the hosted loop has no caller. Deleting what another instance already
/// deleted is harmless.
/// </summary>
public sealed class WebhookHistoryPurge(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>Rows per delete; a few milliseconds of write lock each.</summary>
    public const int Chunk = 500;

    public async Task<WebhookPurgeResult> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var deliveries = await InChunksAsync(db => DeleteEndedDeliveriesAsync(db, cutoff, cancellationToken), cancellationToken);
        var messages = await InChunksAsync(db => DeleteOrphanMessagesAsync(db, cutoff, cancellationToken), cancellationToken);
        return new WebhookPurgeResult(deliveries, messages);
    }

    /// <summary>Runs <paramref name="chunk"/> until it reads less than a full chunk; the rows it deleted, summed.</summary>
    private async Task<int> InChunksAsync(Func<IApplicationDbContext, Task<(int Read, int Deleted)>> chunk, CancellationToken cancellationToken)
    {
        var total = 0;
        (int Read, int Deleted) step;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            step = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(() => chunk(db), cancellationToken);
            total += step.Deleted;
        }
        while (step.Read == Chunk);

        return total;
    }

    private static async Task<(int Read, int Deleted)> DeleteEndedDeliveriesAsync(IApplicationDbContext db, DateTime cutoff, CancellationToken cancellationToken)
    {
        var ids = await db.WebhookDeliveries.IgnoreQueryFilters()
            .Where(d => d.EndedAt != null && d.EndedAt < cutoff)
            .OrderBy(d => d.EndedAt)
            .Select(d => d.Id)
            .Take(Chunk)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return (0, 0);
        }

        await db.WebhookAttempts.IgnoreQueryFilters().Where(a => ids.Contains(a.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        return (ids.Count, await db.WebhookDeliveries.IgnoreQueryFilters().Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken));
    }

    private static async Task<(int Read, int Deleted)> DeleteOrphanMessagesAsync(IApplicationDbContext db, DateTime cutoff, CancellationToken cancellationToken)
    {
        var ids = await db.WebhookMessages.IgnoreQueryFilters()
            .Where(m => m.CreatedAt < cutoff && !db.WebhookDeliveries.IgnoreQueryFilters().Any(d => d.MessageId == m.Id))
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Take(Chunk)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return (0, 0);
        }

        // The reference is checked again by the delete itself: a replay queued since the read keeps its message.
        return (ids.Count, await db.WebhookMessages.IgnoreQueryFilters()
            .Where(m => ids.Contains(m.Id) && !db.WebhookDeliveries.IgnoreQueryFilters().Any(d => d.MessageId == m.Id))
            .ExecuteDeleteAsync(cancellationToken));
    }
}
