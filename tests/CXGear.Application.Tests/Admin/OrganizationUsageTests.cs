using CXGear.Application.Admin.Common;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;

namespace CXGear.Application.Tests.Admin;

public sealed class OrganizationUsageTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Every_meter_is_listed_with_this_periods_use_and_the_plans_limit()
    {
        var organization = Organization.SignUp("Acme", Now);
        var other = Organization.SignUp("Other", Now);
        UsageCounter[] counters =
        [
            UsageCounter.Start(organization.Id, Meter.Users, "total", used: 2),
            UsageCounter.Start(organization.Id, Meter.JobsPerMonth, "2026-11", used: 7),
            UsageCounter.Start(organization.Id, Meter.JobsPerMonth, "2026-10", used: 40),
            UsageCounter.Start(other.Id, Meter.Projects, "total", used: 1),
        ];

        var usage = OrganizationOverviews.Usage(organization, counters, PlanCatalog.Default, Now).ToDictionary(m => m.Meter);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(usage.Keys, Is.EquivalentTo(Meters.All.Select(m => m.Key())));
            Assert.That(usage["users"], Is.EqualTo(new OrganizationMeterUsageDto("users", 2, 3)));
            Assert.That(usage["jobs"], Is.EqualTo(new OrganizationMeterUsageDto("jobs", 7, 50)), "last month's jobs are history");
            Assert.That(usage["projects"], Is.EqualTo(new OrganizationMeterUsageDto("projects", 0, 1)), "another organization's counter is not ours");
        }
    }

    [Test]
    public void Enterprise_limits_are_null_and_configured_limits_win()
    {
        var organization = Organization.SignUp("Acme", Now);
        organization.ChangePlan(PlanId.Enterprise);
        var catalog = new PlanCatalog(new Dictionary<(PlanId, Meter), long?> { [(PlanId.Enterprise, Meter.Users)] = 1000 });

        var usage = OrganizationOverviews.Usage(organization, [], catalog, Now).ToDictionary(m => m.Meter);

        Assert.That(usage["users"].Limit, Is.EqualTo(1000));
        Assert.That(usage.Where(m => m.Key != "users").Select(m => m.Value.Limit), Is.All.Null);
    }
}
