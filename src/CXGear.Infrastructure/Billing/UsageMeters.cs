using CXGear.Domain.Billing;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Billing;

/// <summary>
/// Applies the meter changes a unit of work's entities recorded (see <see cref="AppDbContext"/>'s save), inside
/// that unit's transaction. Taking is a check and count in one statement: <c>UPDATE … SET Used = Used + n WHERE … AND Used + n &lt;= limit</c>. The
/// database serialises writers on the counter row (SQLite: the IMMEDIATE transaction's write lock; SQL Server and
/// PostgreSQL: the row's lock, held to commit; a PostgreSQL writer that waited re-checks the condition on the
/// committed row before updating it), so N concurrent requests with k units left succeed exactly k times.
/// </summary>
public sealed class UsageMeters(PlanCatalog plans, TimeProvider clock)
{
    /// <summary>
    /// Nets the changes per organization and meter, gives back first and then takes; a full meter throws PLAN_LIMIT
    /// and the caller's transaction rolls everything back.
    /// </summary>
    internal async Task ApplyAsync(AppDbContext db, IEnumerable<MeterChange> changes, CancellationToken cancellationToken)
    {
        var net = MeterChanges.Net(changes);
        if (net.Count == 0)
        {
            return;
        }

        foreach (var change in net)
        {
            if (change.Units > 0)
            {
                await TakeAsync(db, change.OrganizationId, change.Meter, change.Units, cancellationToken);
            }
            else
            {
                await GiveBackAsync(db, change.OrganizationId, change.Meter, -change.Units, cancellationToken);
            }
        }
    }

    private async Task TakeAsync(AppDbContext db, Guid organizationId, Meter meter, long amount, CancellationToken cancellationToken)
    {
        var plan = await db.Organizations.IgnoreQueryFilters()
            .Where(o => o.Id == organizationId)
            .Select(o => o.Plan)
            .FirstAsync(cancellationToken);
        var limit = plans.LimitFor(plan, meter);
        var period = meter.PeriodAt(clock.GetUtcNow().UtcDateTime);

        // Two tries: the second follows creating this period's row, which a concurrent request may have won.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var counters = Counter(db, organizationId, meter, period);
            var taken = limit is { } cap
                ? await counters.Where(c => c.Used + amount <= cap).ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used + amount), cancellationToken)
                : await counters.ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used + amount), cancellationToken);
            if (taken == 1)
            {
                return;
            }

            var used = await counters.Select(c => (long?)c.Used).FirstOrDefaultAsync(cancellationToken);
            if (used is { } current)
            {
                throw PlanLimitReached.Error(meter, plan, current, limit!.Value, amount);
            }

            await CreateRowAsync(db, organizationId, meter, period, cancellationToken);
        }

        throw new InvalidOperationException($"The {meter} counter of {organizationId} could not be created.");
    }

    private async Task GiveBackAsync(AppDbContext db, Guid organizationId, Meter meter, long amount, CancellationToken cancellationToken)
    {
        var period = meter.PeriodAt(clock.GetUtcNow().UtcDateTime);
        await Counter(db, organizationId, meter, period)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used >= amount ? c.Used - amount : 0), cancellationToken);
    }

    private static IQueryable<UsageCounter> Counter(AppDbContext db, Guid organizationId, Meter meter, string period) =>
        db.UsageCounters.IgnoreQueryFilters().Where(c => c.OrganizationId == organizationId && c.Meter == meter && c.Period == period);

    /// <summary>
    /// Inserted with SQL rather than the change tracker so no other pending change is flushed early. A
    /// concurrent insert of the same row wins or loses on the primary key (<see cref="InsertIfMissing"/>); the
    /// caller's retry then updates the row either way.
    /// </summary>
    private static async Task CreateRowAsync(AppDbContext db, Guid organizationId, Meter meter, string period, CancellationToken cancellationToken)
    {
        var meterName = meter.ToString();
        // By hand so that nothing else staged in the change tracker is saved early.
        await InsertIfMissing.ExecuteAsync(
            db,
            $"""
            INSERT INTO "UsageCounters" ("OrganizationId", "Meter", "Period", "Used")
            SELECT {organizationId}, {meterName}, {period}, 0
            WHERE NOT EXISTS (SELECT 1 FROM "UsageCounters" WHERE "OrganizationId" = {organizationId} AND "Meter" = {meterName} AND "Period" = {period})
            """,
            cancellationToken);
    }
}
