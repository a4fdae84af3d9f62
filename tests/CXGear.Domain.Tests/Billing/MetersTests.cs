using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;

namespace CXGear.Domain.Tests.Billing;

public sealed class MetersTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc);

    [Test]
    public void Capacity_meters_count_in_one_period_for_ever()
    {
        Assert.That(Meter.Projects.PeriodAt(Now), Is.EqualTo(Meter.Projects.PeriodAt(Now.AddYears(3))));
        Assert.That(Meter.Projects.ResetsAfter(Now), Is.Null);
    }

    [Test]
    public void Monthly_meters_roll_over_at_midnight_utc_on_the_first()
    {
        Assert.That(Meter.JobsPerMonth.PeriodAt(Now), Is.EqualTo("2026-11"));
        Assert.That(Meter.JobsPerMonth.PeriodAt(Now.AddSeconds(1)), Is.EqualTo("2026-12"));
        Assert.That(Meter.RecordsPerMonth.ResetsAfter(Now), Is.EqualTo(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(Meter.RecordsPerMonth.ResetsAfter(new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc)), Is.EqualTo(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [TestCase("projects", Meter.Projects)]
    [TestCase("data_tables", Meter.DataTables)]
    [TestCase("API_KEYS", Meter.ApiKeys)]
    [TestCase("JobsPerMonth", Meter.JobsPerMonth)]
    public void Meters_parse_from_their_wire_or_enum_name(string key, Meter expected)
    {
        Assert.That(Meters.TryParse(key, out var meter), Is.True);
        Assert.That(meter, Is.EqualTo(expected));
    }

    [Test]
    public void Unknown_meter_names_do_not_parse() => Assert.That(Meters.TryParse("seats", out _), Is.False);

    [Test]
    public void The_default_catalog_is_contract_section_four()
    {
        var plans = PlanCatalog.Default;

        Assert.That(plans.LimitFor(PlanId.Trial, Meter.Projects), Is.EqualTo(1));
        Assert.That(plans.LimitFor(PlanId.Pro, Meter.Spinners), Is.EqualTo(25));
        Assert.That(plans.LimitFor(PlanId.Advanced, Meter.RecordsPerMonth), Is.EqualTo(100_000));
        Assert.That(plans.LimitFor(PlanId.Trial, Meter.ApiKeys), Is.EqualTo(2));
        Assert.That(Meters.All.Select(m => plans.LimitFor(PlanId.Enterprise, m)), Is.All.Null);
    }

    [Test]
    public void Overrides_replace_single_caps_and_null_means_unlimited()
    {
        var plans = new PlanCatalog(new Dictionary<(PlanId, Meter), long?> { [(PlanId.Trial, Meter.Projects)] = 3, [(PlanId.Pro, Meter.Users)] = null });

        Assert.That(plans.LimitFor(PlanId.Trial, Meter.Projects), Is.EqualTo(3));
        Assert.That(plans.LimitFor(PlanId.Pro, Meter.Users), Is.Null);
        Assert.That(plans.LimitFor(PlanId.Trial, Meter.Users), Is.EqualTo(3), "untouched caps keep their default");
    }

    [Test]
    public void Negative_caps_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PlanCatalog(new Dictionary<(PlanId, Meter), long?> { [(PlanId.Trial, Meter.Projects)] = -1 }));

    [Test]
    public void Plan_limit_uses_the_products_message_and_names_meter_used_and_limit()
    {
        var error = PlanLimitReached.Error(Meter.Spinners, PlanId.Trial, 2, 2, 1);

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.PlanLimit));
        Assert.That(error.Message, Is.EqualTo("Spinner limit reached on the trial plan (2/2). Upgrade to continue."));
        Assert.That(error.Extensions["meter"], Is.EqualTo("spinners"));
        Assert.That(error.Extensions["used"], Is.EqualTo(2L));
        Assert.That(error.Extensions["limit"], Is.EqualTo(2L));
        Assert.That((error.Extensions["required"], error.Extensions["remaining"]), Is.EqualTo((1L, 0L)));
    }

    [Test]
    public void Plan_limit_says_how_many_units_were_needed_and_how_many_remain()
    {
        var error = PlanLimitReached.Error(Meter.RecordsPerMonth, PlanId.Trial, 450, 500, 51);

        Assert.That((error.Extensions["required"], error.Extensions["remaining"]), Is.EqualTo((51L, 50L)));
        Assert.That(PlanLimitReached.Error(Meter.ApiKeys, PlanId.Trial, 3, 2, 1).Extensions["remaining"], Is.EqualTo(0L), "over the cap after a downgrade: none left, not negative");
    }

    [Test]
    public void The_platform_organization_has_no_plan_to_change()
    {
        var customer = Organization.SignUp("Acme", Now);
        customer.ChangePlan(PlanId.Pro);

        Assert.That(customer.Plan, Is.EqualTo(PlanId.Pro));
        Assert.That(customer.IsPlatform, Is.False);
    }
}
