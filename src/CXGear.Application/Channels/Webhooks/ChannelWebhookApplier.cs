using System.Collections.Concurrent;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;
using CXGear.Domain.Jobs;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Channels.Webhooks;

/// <summary>
/// Applies stored webhook deliveries, oldest first, a page of up to 50 per transaction (one by one when a page fails): inbound messages are stored for the
/// organization holding the phone number id (once per <c>wamid</c>), statuses move outbound messages forward
/// (<see cref="ChannelMessage.AdvanceTo"/>) and each move appends a line to the sending record's journey. A delivery
/// naming a message not written yet (its status overtook the job's flush) is tried again for
/// <see cref="ChannelWebhookDelivery.PendingWindow"/>; re-applying what already applied changes nothing. Phone number
/// ids no organization holds are acknowledged and ignored, logged once per process.
/// </summary>
/// <remarks>
/// Run by the Infrastructure's hosted loop where <c>Runtime:Enabled</c>; tests call <see cref="ApplyDueAsync"/>. Across
/// instances a delivery is applied once: the row's <c>Attempts</c> and a message's <c>Status</c> are concurrency
/// tokens, so of two instances applying the same delivery one loses its whole transaction.
/// </remarks>
public sealed partial class ChannelWebhookApplier(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ChannelWebhookApplier> logger)
{
    private const int BatchSize = 50;
    private const int MaxRememberedUnknownNumbers = 1_000;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, bool> _unknownNumbers = new(StringComparer.Ordinal);
    private long _nextPurgeTicks;

    /// <summary>Applies every delivery due now; returns how many were looked at.</summary>
    public async Task<int> ApplyDueAsync(CancellationToken cancellationToken)
    {
        var seen = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            List<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ChannelWebhookDeliveries.AsNoTracking()
                    .Where(ChannelWebhookDelivery.Due.At(now))
                    .OrderBy(d => d.Id)
                    .Select(d => d.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
            }

            // A page in one transaction (one commit, so one fsync on SQLite, for up to 50 deliveries); if anything in it
            // fails, each delivery on its own, so one bad delivery cannot hold the others back.
            if (!await ApplyPageAsync(due, cancellationToken))
            {
                foreach (var id in due)
                {
                    await ApplyOneAsync(id, cancellationToken);
                }
            }

            seen += due.Count;
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        await PurgeAsync(cancellationToken);
        return seen;
    }

    private async Task<bool> ApplyPageAsync(List<long> ids, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                async () =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var deliveries = await db.ChannelWebhookDeliveries.Where(d => ids.Contains(d.Id)).OrderBy(d => d.Id).ToListAsync(cancellationToken);
                    var journeyIndexes = new Dictionary<Guid, int>();
                    foreach (var delivery in deliveries)
                    {
                        await ApplyDeliveryAsync(db, delivery, now, journeyIndexes, cancellationToken);
                    }
                },
                cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PageFailed(logger, ids.Count);
            return false;
        }
    }

    private async Task ApplyOneAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                async () =>
                {
                    var delivery = await db.ChannelWebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
                    if (delivery is not null)
                    {
                        await ApplyDeliveryAsync(db, delivery, clock.GetUtcNow().UtcDateTime, [], cancellationToken);
                    }
                },
                cancellationToken);
        }
        catch (CXGearException lost) when (lost.Code == ErrorCodes.Conflict)
        {
            // Another instance applied or moved the same rows meanwhile; whatever is left is due again later.
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DeliveryFailed(logger, exception, id);
            await PostponeAfterFailureAsync(id, cancellationToken);
        }
    }

    /// <summary>One delivery, unless another instance got to it first: applied, then finished or postponed.</summary>
    private async Task ApplyDeliveryAsync(
        IApplicationDbContext db, ChannelWebhookDelivery delivery, DateTime now, Dictionary<Guid, int> journeyIndexes, CancellationToken cancellationToken)
    {
        if (!ChannelWebhookDelivery.Due.IsSatisfiedBy(delivery, now))
        {
            return;
        }

        var (outcome, unmatched) = await ApplyAsync(db, delivery.Body, now, journeyIndexes, cancellationToken);
        if (unmatched > 0 && delivery.MayStillWait(now))
        {
            delivery.Postpone(now);
        }
        else
        {
            delivery.Finish(outcome, now);
        }
    }

    /// <summary>
    /// The delivery's events. <paramref name="journeyIndexes"/> carries each record's last journey index across the
    /// deliveries of one transaction, whose new lines are not in the database yet.
    /// </summary>
    private async Task<(string Outcome, int Unmatched)> ApplyAsync(
        IApplicationDbContext db, string body, DateTime now, Dictionary<Guid, int> journeyIndexes, CancellationToken cancellationToken)
    {
        var changes = WhatsAppEvents.Parse(body, now);
        if (changes is null)
        {
            return (DeliveryOutcomes.Invalid, 0);
        }

        var unmatched = 0;
        var known = false;
        foreach (var change in changes)
        {
            var channel = await db.Channels.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.PhoneNumberId == change.PhoneNumberId, cancellationToken);
            if (channel is null)
            {
                NoteUnknownNumber(change.PhoneNumberId);
                continue;
            }

            known = true;
            channel.RecordEvent(now);
            foreach (var inbound in change.Messages)
            {
                await StoreInboundAsync(db, channel, inbound, now, cancellationToken);
            }

            foreach (var status in change.Statuses)
            {
                var message = await db.ChannelMessages.IgnoreQueryFilters()
                    .FirstOrDefaultAsync(m => m.ChannelId == channel.Id && m.ProviderMessageId == status.MessageId && m.Direction == MessageDirection.Outbound, cancellationToken);
                if (message is null)
                {
                    unmatched++;
                }
                else if (message.AdvanceTo(status.Status, status.At, status.Error) && message.RecordId is { } recordId)
                {
                    await AppendJourneyAsync(db, message, recordId, journeyIndexes, cancellationToken);
                }
            }
        }

        return (unmatched > 0 ? DeliveryOutcomes.Unmatched : known ? DeliveryOutcomes.Applied : DeliveryOutcomes.Ignored, unmatched);
    }

    private static async Task StoreInboundAsync(IApplicationDbContext db, Channel channel, WhatsAppEvents.InboundEvent inbound, DateTime now, CancellationToken cancellationToken)
    {
        var staged = db.ChannelMessages.Local.Any(m => m.ChannelId == channel.Id && m.ProviderMessageId == inbound.MessageId);
        if (staged || await db.ChannelMessages.IgnoreQueryFilters().AnyAsync(m => m.ChannelId == channel.Id && m.ProviderMessageId == inbound.MessageId, cancellationToken))
        {
            return;
        }

        db.ChannelMessages.Add(ChannelMessage.Inbound(channel.OrganizationId, channel.Id, inbound.MessageId, inbound.From, channel.PhoneNumber, inbound.Type, inbound.Text, inbound.At, now));
    }

    /// <summary>One journey line per status a message moved to, after the record's last line (records can be long gone: then none).</summary>
    private static async Task AppendJourneyAsync(
        IApplicationDbContext db, ChannelMessage message, Guid recordId, Dictionary<Guid, int> indexes, CancellationToken cancellationToken)
    {
        if (!indexes.TryGetValue(recordId, out var last))
        {
            if (!await db.JobRecords.IgnoreQueryFilters().AnyAsync(r => r.Id == recordId, cancellationToken))
            {
                return;
            }

            last = await db.RecordEvents.IgnoreQueryFilters().Where(e => e.RecordId == recordId).MaxAsync(e => (int?)e.Index, cancellationToken) ?? 0;
        }

        indexes[recordId] = last + 1;
        var status = message.Status.ToString().ToLowerInvariant();
        var text = $"WhatsApp {message.TemplateName ?? message.Type} to {message.To}: {status}" + (message.Error is null ? string.Empty : $" ({message.Error})");
        db.RecordEvents.Add(RecordEvent.Create(recordId, last + 1, message.StepId ?? StepTypes.SendWhatsApp, StepTypes.SendWhatsApp, "whatsapp_" + status, text, message.StatusAt, message.StatusAt));
    }

    private void NoteUnknownNumber(string phoneNumberId)
    {
        if (_unknownNumbers.Count >= MaxRememberedUnknownNumbers)
        {
            _unknownNumbers.Clear();
        }

        if (_unknownNumbers.TryAdd(phoneNumberId, true))
        {
            UnknownNumber(logger, phoneNumberId);
        }
    }

    private async Task PostponeAfterFailureAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                async () =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var delivery = await db.ChannelWebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
                    if (delivery is null || delivery.ProcessedAt is not null)
                    {
                        return;
                    }

                    if (delivery.MayStillWait(now))
                    {
                        delivery.Postpone(now);
                    }
                    else
                    {
                        delivery.Finish(DeliveryOutcomes.Failed, now);
                    }
                },
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DeliveryFailed(logger, exception, id);
        }
    }

    /// <summary>Applied deliveries are kept a week (to look into a dispute), then deleted; at most once an hour per process.</summary>
    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now.Ticks < Interlocked.Read(ref _nextPurgeTicks))
        {
            return;
        }

        Interlocked.Exchange(ref _nextPurgeTicks, (now + PurgeInterval).Ticks);
        var before = now - Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            () => db.ChannelWebhookDeliveries.Where(d => d.ProcessedAt != null && d.ProcessedAt < before).ExecuteDeleteAsync(cancellationToken),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook events for phone number id {PhoneNumberId}, which no organization holds, are ignored")]
    private static partial void UnknownNumber(ILogger logger, string phoneNumberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A page of {Count} webhook deliveries could not be applied together; applying them one by one")]
    private static partial void PageFailed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be applied; it is tried again later")]
    private static partial void DeliveryFailed(ILogger logger, Exception exception, long deliveryId);
}
