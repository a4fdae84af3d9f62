using CXGear.Application.Billing.Queries.GetBilling;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Billing;

/// <summary>How plans cap the meters billing reports. HTTP mapping of PLAN_LIMIT and billing's routes is in Api.Tests.</summary>
public sealed class MeterRulesTests : UseCaseTestBase
{
    private static MeterUsageDto Meter(BillingDto billing, string name) => billing.Meters.Single(m => m.Meter == name);

    [Test]
    public async Task Enterprise_meters_are_unlimited_and_counting()
    {
        var org = await OrganizationAsync(PlanId.Enterprise);
        await SendAsync(new CreateProjectCommand("One", "outreach"), org.Admin);
        await SendAsync(new CreateProjectCommand("Two", "outreach"), org.Admin);

        var billing = await SendAsync(new GetBillingQuery(), org.Admin);

        var projects = Meter(billing, "projects");
        Assert.That(billing.Plan, Is.EqualTo("enterprise"));
        Assert.That(projects.Used, Is.EqualTo(2));
        Assert.That(projects.Limit, Is.Null);
        Assert.That(projects.Remaining, Is.Null);
    }

    [Test]
    public async Task After_a_downgrade_usage_above_the_cap_leaves_nothing_remaining()
    {
        var org = await OrganizationAsync(PlanId.Pro);
        await SendAsync(new CreateProjectCommand("One", "outreach"), org.Admin);
        await SendAsync(new CreateProjectCommand("Two", "outreach"), org.Admin);
        await PlanAsync(org.Id, PlanId.Trial);

        var projects = Meter(await SendAsync(new GetBillingQuery(), org.Admin), "projects");
        var refused = await RefusedAsync(() => SendAsync(new CreateProjectCommand("Three", "outreach"), org.Admin), ErrorCodes.PlanLimit);

        Assert.That((projects.Used, projects.Limit, projects.Remaining), Is.EqualTo((2L, (long?)1, (long?)0)));
        Assert.That(refused.Message, Is.EqualTo("Project limit reached on the trial plan (2/1). Upgrade to continue."));
    }
}

/// <summary>Plan caps read from configuration (a host of its own). PLAN_LIMIT's mapping stays in Api.Tests.</summary>
public sealed class ConfiguredPlanTests : UseCaseTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Plans:Trial:Projects"] = "2" };

    [Test]
    public async Task Plan_caps_come_from_configuration()
    {
        var org = await OrganizationAsync();

        var one = await SendAsync(new CreateProjectCommand("One", "outreach"), org.Admin);
        var two = await SendAsync(new CreateProjectCommand("Two", "outreach"), org.Admin);
        var refused = await RefusedAsync(() => SendAsync(new CreateProjectCommand("Three", "outreach"), org.Admin), ErrorCodes.PlanLimit);

        Assert.That(new[] { one.Name, two.Name }, Is.EqualTo(new[] { "One", "Two" }));
        Assert.That(refused.Extensions["limit"], Is.EqualTo(2L));
    }
}
