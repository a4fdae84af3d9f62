using System.Text.Json;
using CXGear.Application.Billing.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Audit;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Billing.Queries.GetBilling;

public sealed record GetBillingQuery : IQuery<BillingDto>, IRequirePermission
{
    public string Permission => Permissions.BillingRead;
}

/// <summary><c>limit</c> and <c>remaining</c> are null when unlimited; <c>resetsAt</c> only for monthly meters.</summary>
public sealed record MeterUsageDto(string Meter, string Kind, long Used, long? Limit, long? Remaining, DateTime? ResetsAt);

/// <summary>Usage billed or shown without a plan cap, for the current month: <c>ai_calls</c>, <c>ai_input_tokens</c>, <c>ai_output_tokens</c>.</summary>
public sealed record UsageLineDto(string Item, string Period, long Used);

/// <summary>
/// <c>profile</c>: billing country and email, and the provider a checkout goes through; <c>subscription</c>: the
/// self-serve subscription that sets the plan, null when there is none; <c>planChanges</c>: the newest plan changes
/// first (at most <see cref="GetBillingHandler.PlanChangesShown"/>), by an operator or a provider event.
/// </summary>
public sealed record BillingDto(
    string Plan,
    IReadOnlyList<MeterUsageDto> Meters,
    IReadOnlyList<UsageLineDto> Usage,
    BillingProfileDto Profile,
    SubscriptionDto? Subscription,
    IReadOnlyList<PlanChangeDto> PlanChanges);

/// <summary>
/// <c>status</c> is the provider's word (<c>active</c>, <c>past_due</c>, <c>halted</c>, <c>canceled</c>…);
/// <c>currentPeriodEnd</c> is when a subscription cancelled at period end stops (and the plan returns to Trial).
/// </summary>
public sealed record SubscriptionDto(string Provider, string? Plan, string? Status, DateTime? CurrentPeriodEnd, bool CancelAtPeriodEnd);

/// <summary>
/// One plan change: <c>provider</c> and <c>providerEventId</c> name the payment event that caused it; both are null
/// for an operator's change.
/// </summary>
public sealed record PlanChangeDto(string? From, string? To, DateTime At, string? Provider, string? ProviderEventId);

public sealed class GetBillingHandler(IApplicationDbContext db, ICurrentPrincipal principal, PlanCatalog plans, TimeProvider clock)
    : IQueryHandler<GetBillingQuery, BillingDto>
{
    public const int PlanChangesShown = 10;

    public async ValueTask<BillingDto> Handle(GetBillingQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organizationId = principal.OrganizationId!.Value;
        var plan = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Plan).FirstAsync(cancellationToken);
        var periods = Meters.All.Select(m => m.PeriodAt(now)).Distinct().ToList();
        var counters = await db.UsageCounters.AsNoTracking()
            .Where(c => periods.Contains(c.Period))
            .ToListAsync(cancellationToken);

        var meters = Meters.All.Select(meter =>
        {
            var used = counters.FirstOrDefault(c => c.Meter == meter && c.Period == meter.PeriodAt(now))?.Used ?? 0;
            var limit = plans.LimitFor(plan, meter);

            // After a downgrade usage can sit above the new cap; nothing is taken away, but nothing is left either.
            long? remaining = limit is { } cap ? Math.Max(0, cap - used) : null;
            return new MeterUsageDto(meter.Key(), meter.Kind().ToString().ToLowerInvariant(), used, limit, remaining, meter.ResetsAfter(now));
        }).ToList();
        var month = now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var ai = await db.AiTokenUsages.AsNoTracking().Where(u => u.Period == month).FirstOrDefaultAsync(cancellationToken);
        List<UsageLineDto> usage =
        [
            new("ai_calls", month, ai?.Calls ?? 0),
            new("ai_input_tokens", month, ai?.InputTokens ?? 0),
            new("ai_output_tokens", month, ai?.OutputTokens ?? 0),
        ];
        var account = await db.BillingAccounts.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var profile = new BillingProfileDto(account?.Country, account?.BillingEmail, BillingProviders.ForCountry(account?.Country));
        var subscription = account is { Provider: { } provider, Phase: not null }
            ? new SubscriptionDto(provider, account.SubscribedPlan?.Id(), account.Status, account.CurrentPeriodEnd, account.CancelAtPeriodEnd)
            : null;
        var changes = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Type == AuditEventTypes.PlanChanged)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(PlanChangesShown)
            .Select(e => new { e.OccurredAt, e.Data })
            .ToListAsync(cancellationToken);
        return new BillingDto(plan.Id(), meters, usage, profile, subscription, changes.Select(c => PlanChange(c.OccurredAt, c.Data)).ToList());
    }

    private static PlanChangeDto PlanChange(DateTime at, string data)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            // A row edited by hand shows as a change with no details rather than failing the page.
        }

        return new PlanChangeDto(fields.GetValueOrDefault("from"), fields.GetValueOrDefault("to"), at, fields.GetValueOrDefault("provider"), fields.GetValueOrDefault("providerEventId"));
    }
}
