using CXGear.Application.Admin.Commands.ChangeOrganizationPlan;
using CXGear.Application.Admin.Queries.ListAuditEvents;
using CXGear.Application.Admin.Queries.GetOrganization;
using CXGear.Application.Admin.Queries.ListOrganizations;
using CXGear.Application.ApiKeys.Commands.CreateApiKey;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Admin;

/// <summary>
/// What the operators' organization list finds: search, plan and usage filters, paging, the hidden platform
/// organization, plan changes. The routes' happy paths and error mapping stay in Api.Tests (AdminOrganizationsTests).
/// </summary>
public sealed class AdminOrganizationRulesTests : UseCaseTestBase
{
    /// <summary>A name prefix no other test of the fixture uses, so searches see only this test's organizations.</summary>
    private static string Prefix() => "Org" + Guid.NewGuid().ToString("N")[..8];

    private async Task<List<TestOrg>> OrganizationsAsync(string prefix, params string[] names)
    {
        var created = new List<TestOrg>();
        foreach (var name in names)
        {
            // Apart in time, so "newest first" has one answer.
            Advance(TimeSpan.FromSeconds(1));
            created.Add(await OrganizationNamedAsync($"{prefix} {name}"));
        }

        return created;
    }

    private static List<string> Names(Application.Common.Paging.PagedResult<Application.Admin.Common.AdminOrganizationDto> page) =>
        page.Items.Select(o => o.Name).ToList();

    [Test]
    public async Task Search_ignores_letter_case_and_matches_inside_the_name()
    {
        var prefix = Prefix();
        await OrganizationsAsync(prefix, "Blue Harbour Logistics", "Green Fields");
        var operatorAccount = await OperatorAsync();

        var page = await SendAsync(new ListOrganizationsQuery($"{prefix.ToUpperInvariant()} blue HARB", null), operatorAccount);

        Assert.That(Names(page), Is.EqualTo(new[] { $"{prefix} Blue Harbour Logistics" }));
        Assert.That(page.Total, Is.EqualTo(1));
    }

    [Test]
    public async Task The_plan_filter_keeps_one_plan_and_an_unknown_plan_is_a_validation_error()
    {
        var prefix = Prefix();
        var created = await OrganizationsAsync(prefix, "One", "Two", "Three");
        var operatorAccount = await OperatorAsync();
        await SendAsync(new ChangeOrganizationPlanCommand(created[1].Id, "pro"), operatorAccount);

        var pro = await SendAsync(new ListOrganizationsQuery(prefix, "pro"), operatorAccount);
        var trial = await SendAsync(new ListOrganizationsQuery(prefix, "trial"), operatorAccount);

        Assert.That(Names(pro), Is.EqualTo(new[] { $"{prefix} Two" }));
        Assert.That(Names(trial), Is.EqualTo(new[] { $"{prefix} Three", $"{prefix} One" }));
        foreach (var bad in new[] { "gold", "1", "trial2" })
        {
            var errors = await InvalidAsync(() => SendAsync(new ListOrganizationsQuery(null, bad), operatorAccount));
            Assert.That(errors.Keys, Does.Contain("plan"), bad);
        }
    }

    [Test]
    public async Task The_usage_filter_keeps_organizations_using_at_least_that_much_of_a_meter()
    {
        var prefix = Prefix();
        var created = await OrganizationsAsync(prefix, "Idle", "Busy", "Busier");
        foreach (var (organization, keys) in new[] { (created[1], 1), (created[2], 2) })
        {
            for (var i = 0; i < keys; i++)
            {
                await SendAsync(new CreateApiKeyCommand($"K{i}", ["ingest"], null), organization.Admin);
            }
        }

        var operatorAccount = await OperatorAsync();

        var atLeastOne = await SendAsync(new ListOrganizationsQuery(prefix, null) { Meter = "api_keys", MinUsed = 1 }, operatorAccount);
        var atLeastTwo = await SendAsync(new ListOrganizationsQuery(prefix, null) { Meter = "api_keys", MinUsed = 2 }, operatorAccount);
        var everyone = await SendAsync(new ListOrganizationsQuery(prefix, null) { Meter = "api_keys", MinUsed = 0 }, operatorAccount);

        Assert.That(Names(atLeastOne), Is.EqualTo(new[] { $"{prefix} Busier", $"{prefix} Busy" }));
        Assert.That(Names(atLeastTwo), Is.EqualTo(new[] { $"{prefix} Busier" }));
        Assert.That(everyone.Total, Is.EqualTo(3));
        var bad = new (ListOrganizationsQuery Query, string Field)[]
        {
            (new ListOrganizationsQuery(null, null) { Meter = "gold", MinUsed = 1 }, "meter"),
            (new ListOrganizationsQuery(null, null) { Meter = "projects" }, "minUsed"),
            (new ListOrganizationsQuery(null, null) { MinUsed = 3 }, "meter"),
            (new ListOrganizationsQuery(null, null) { Meter = "projects", MinUsed = -1 }, "minUsed"),
        };
        foreach (var (query, field) in bad)
        {
            var errors = await InvalidAsync(() => SendAsync(query, operatorAccount));
            Assert.That(errors.Keys, Does.Contain(field), query.ToString());
        }
    }

    [Test]
    public async Task Paging_splits_the_list_and_keeps_the_total()
    {
        var prefix = Prefix();
        await OrganizationsAsync(prefix, "A", "B", "C");
        var operatorAccount = await OperatorAsync();

        var first = await SendAsync(new ListOrganizationsQuery(prefix, null, Page: 1, PageSize: 2), operatorAccount);
        var second = await SendAsync(new ListOrganizationsQuery(prefix, null, Page: 2, PageSize: 2), operatorAccount);
        var beyond = await SendAsync(new ListOrganizationsQuery(prefix, null, Page: 3, PageSize: 2), operatorAccount);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(first), Is.EqualTo(new[] { $"{prefix} C", $"{prefix} B" }));
            Assert.That(Names(second), Is.EqualTo(new[] { $"{prefix} A" }));
            Assert.That(beyond.Items, Is.Empty);
            Assert.That(new[] { first, second, beyond }.Select(p => p.Total), Is.All.EqualTo(3));
            Assert.That(second.Page, Is.EqualTo(2));
            Assert.That(second.PageSize, Is.EqualTo(2));
        }

        await InvalidAsync(() => SendAsync(new ListOrganizationsQuery(null, null, Page: 0), operatorAccount));
        await InvalidAsync(() => SendAsync(new ListOrganizationsQuery(null, null, PageSize: 201), operatorAccount));
    }

    [Test]
    public async Task The_platform_organization_is_never_listed_nor_found()
    {
        await OrganizationNamedAsync(Prefix() + " Customer");
        var operatorAccount = await OperatorAsync();

        var all = await SendAsync(new ListOrganizationsQuery(null, null, PageSize: 200), operatorAccount);
        var byName = await SendAsync(new ListOrganizationsQuery("CXGear Operations", null), operatorAccount);

        Assert.That(all.Total, Is.GreaterThan(0));
        Assert.That(all.Items.Select(o => o.Id), Has.None.EqualTo(Organization.PlatformId));
        Assert.That(byName.Total, Is.Zero);
        await RefusedAsync(() => SendAsync(new GetOrganizationQuery(Organization.PlatformId), operatorAccount), ErrorCodes.NotFound);
        await RefusedAsync(() => SendAsync(new ChangeOrganizationPlanCommand(Organization.PlatformId, "pro"), operatorAccount), ErrorCodes.NotFound);
    }

    [Test]
    public async Task Enterprise_is_unlimited_and_setting_the_same_plan_again_records_nothing()
    {
        var customer = await OrganizationNamedAsync(Prefix() + " Enterprise");
        var operatorAccount = await OperatorAsync();

        await SendAsync(new ChangeOrganizationPlanCommand(customer.Id, "enterprise"), operatorAccount);
        var again = await SendAsync(new ChangeOrganizationPlanCommand(customer.Id, "Enterprise"), operatorAccount);

        Assert.That(again.Usage.Select(m => m.Limit), Is.All.Null);
        var events = await SendAsync(new ListAuditEventsQuery(customer.Id, "organization.plan_changed", null, null), operatorAccount);
        Assert.That(events.Total, Is.EqualTo(1));
    }
}
