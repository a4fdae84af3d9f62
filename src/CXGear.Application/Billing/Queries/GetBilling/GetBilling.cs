using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
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

public sealed record BillingDto(string Plan, IReadOnlyList<MeterUsageDto> Meters, IReadOnlyList<UsageLineDto> Usage);

public sealed class GetBillingHandler(IApplicationDbContext db, ICurrentPrincipal principal, PlanCatalog plans, TimeProvider clock)
    : IQueryHandler<GetBillingQuery, BillingDto>
{
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
        return new BillingDto(plan.ToString().ToLowerInvariant(), meters, usage);
    }
}
