using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Admin;

public sealed class AdminOrganizationsTests : AdminTestBase
{
    /// <summary>A name prefix no other test of the fixture uses, so searches see only this test's organizations.</summary>
    private static string Prefix() => "Org" + Guid.NewGuid().ToString("N")[..8];

    private async Task<List<Signed>> SignUpSeveralAsync(string prefix, params string[] names)
    {
        var signed = new List<Signed>();
        foreach (var name in names)
        {
            // Apart in time, so "newest first" has one answer.
            Advance(TimeSpan.FromSeconds(1));
            signed.Add(await SignUpOrganizationAsync($"{prefix} {name}"));
        }

        return signed;
    }

    private static JsonNode Meter(JsonNode organization, string meter) =>
        organization["usage"]!.AsArray().Single(m => (string?)m!["meter"] == meter)!;

    [Test]
    public async Task The_list_is_newest_first_with_plan_active_users_and_usage()
    {
        var prefix = Prefix();
        var created = await SignUpSeveralAsync(prefix, "Alpha", "Bravo", "Charlie");
        var signed = await OperatorAsync();

        var page = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}", signed.AccessToken);

        var items = Items(page);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)page["total"], Is.EqualTo(3));
            Assert.That((int?)page["page"], Is.EqualTo(1));
            Assert.That((int?)page["pageSize"], Is.EqualTo(50));
            Assert.That(Strings(page, "name"), Is.EqualTo(new[] { $"{prefix} Charlie", $"{prefix} Bravo", $"{prefix} Alpha" }));
            Assert.That(Strings(page, "id"), Is.EqualTo(created.Select(c => c.OrganizationId).Reverse()));
            Assert.That((string?)items[0]["plan"], Is.EqualTo("trial"));
            Assert.That((DateTime)items[0]["createdAt"]!, Is.GreaterThan((DateTime)items[1]["createdAt"]!));
            Assert.That((int?)items[0]["activeUsers"], Is.EqualTo(1));
            Assert.That(items[0]["usage"]!.AsArray().Select(m => (string?)m!["meter"]), Is.EquivalentTo(new[] { "projects", "spinners", "users", "data_tables", "api_keys", "channels", "jobs", "records" }));
            Assert.That((long?)Meter(items[0], "users")["used"], Is.EqualTo(1), "the founder holds a seat");
            Assert.That((long?)Meter(items[0], "users")["limit"], Is.EqualTo(3));
            Assert.That((long?)Meter(items[0], "projects")["used"], Is.Zero);
            Assert.That((long?)Meter(items[0], "jobs")["limit"], Is.EqualTo(50));
        }
    }

    [Test]
    public async Task Search_ignores_letter_case_and_matches_inside_the_name()
    {
        var prefix = Prefix();
        await SignUpSeveralAsync(prefix, "Blue Harbour Logistics", "Green Fields");
        var signed = await OperatorAsync();

        var page = await GetOkAsync($"/api/v1/admin/organizations?search={prefix.ToUpperInvariant()}%20blue%20HARB", signed.AccessToken);

        Assert.That(Strings(page, "name"), Is.EqualTo(new[] { $"{prefix} Blue Harbour Logistics" }));
        Assert.That((int?)page["total"], Is.EqualTo(1));
    }

    [Test]
    public async Task The_plan_filter_keeps_one_plan_and_an_unknown_plan_is_a_validation_error()
    {
        var prefix = Prefix();
        var created = await SignUpSeveralAsync(prefix, "One", "Two", "Three");
        var signed = await OperatorAsync();
        await PutAsync($"/api/v1/admin/organizations/{created[1].OrganizationId}/plan", new { plan = "pro" }, signed.AccessToken);

        var pro = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&plan=pro", signed.AccessToken);
        var trial = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&plan=trial", signed.AccessToken);

        Assert.That(Strings(pro, "name"), Is.EqualTo(new[] { $"{prefix} Two" }));
        Assert.That(Strings(trial, "name"), Is.EqualTo(new[] { $"{prefix} Three", $"{prefix} One" }));
        foreach (var bad in new[] { "gold", "1", "trial2" })
        {
            var body = await AssertProblemAsync(await GetAsync($"/api/v1/admin/organizations?plan={bad}", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.That(body["errors"]!["plan"], Is.Not.Null, bad);
        }
    }

    [Test]
    public async Task The_usage_filter_keeps_organizations_using_at_least_that_much_of_a_meter()
    {
        var prefix = Prefix();
        var created = await SignUpSeveralAsync(prefix, "Idle", "Busy", "Busier");
        foreach (var (organization, keys) in new[] { (created[1], 1), (created[2], 2) })
        {
            for (var i = 0; i < keys; i++)
            {
                var key = await PostAsync("/api/v1/api-keys", new { name = $"K{i}", scopes = new[] { "ingest" } }, organization.AccessToken);
                Assert.That(key.StatusCode, Is.EqualTo(HttpStatusCode.Created), await key.Content.ReadAsStringAsync());
            }
        }

        var signed = await OperatorAsync();

        var atLeastOne = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&meter=api_keys&minUsed=1", signed.AccessToken);
        var atLeastTwo = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&meter=api_keys&minUsed=2", signed.AccessToken);
        var everyone = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&meter=api_keys&minUsed=0", signed.AccessToken);

        Assert.That(Strings(atLeastOne, "name"), Is.EqualTo(new[] { $"{prefix} Busier", $"{prefix} Busy" }));
        Assert.That(Strings(atLeastTwo, "name"), Is.EqualTo(new[] { $"{prefix} Busier" }));
        Assert.That((int?)everyone["total"], Is.EqualTo(3));
        foreach (var (query, field) in new[] { ("meter=gold&minUsed=1", "meter"), ("meter=projects", "minUsed"), ("minUsed=3", "meter"), ("meter=projects&minUsed=-1", "minUsed") })
        {
            var body = await AssertProblemAsync(await GetAsync($"/api/v1/admin/organizations?{query}", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.That(body["errors"]![field], Is.Not.Null, query);
        }
    }

    [Test]
    public async Task Paging_splits_the_list_and_keeps_the_total()
    {
        var prefix = Prefix();
        await SignUpSeveralAsync(prefix, "A", "B", "C");
        var signed = await OperatorAsync();

        var first = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&page=1&pageSize=2", signed.AccessToken);
        var second = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&page=2&pageSize=2", signed.AccessToken);
        var beyond = await GetOkAsync($"/api/v1/admin/organizations?search={prefix}&page=3&pageSize=2", signed.AccessToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Strings(first, "name"), Is.EqualTo(new[] { $"{prefix} C", $"{prefix} B" }));
            Assert.That(Strings(second, "name"), Is.EqualTo(new[] { $"{prefix} A" }));
            Assert.That(Items(beyond), Is.Empty);
            Assert.That(new[] { first, second, beyond }.Select(p => (int?)p["total"]), Is.All.EqualTo(3));
            Assert.That((int?)second["page"], Is.EqualTo(2));
            Assert.That((int?)second["pageSize"], Is.EqualTo(2));
        }

        await AssertProblemAsync(await GetAsync("/api/v1/admin/organizations?page=0", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await GetAsync("/api/v1/admin/organizations?pageSize=201", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task The_platform_organization_is_never_listed_nor_found()
    {
        await SignUpOrganizationAsync(Prefix() + " Customer");
        var signed = await OperatorAsync();

        var all = await GetOkAsync("/api/v1/admin/organizations?pageSize=200", signed.AccessToken);
        var byName = await GetOkAsync("/api/v1/admin/organizations?search=CXGear%20Operations", signed.AccessToken);

        Assert.That((int?)all["total"], Is.GreaterThan(0));
        Assert.That(Strings(all, "id"), Has.None.EqualTo(PlatformOrganizationId));
        Assert.That((int?)byName["total"], Is.Zero);
        await AssertProblemAsync(await GetAsync($"/api/v1/admin/organizations/{PlatformOrganizationId}", signed.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PutAsync($"/api/v1/admin/organizations/{PlatformOrganizationId}/plan", new { plan = "pro" }, signed.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task One_organization_is_found_by_id_and_an_unknown_id_is_404()
    {
        var prefix = Prefix();
        var customer = await SignUpOrganizationAsync($"{prefix} Single");
        var signed = await OperatorAsync();

        var organization = await GetOkAsync($"/api/v1/admin/organizations/{customer.OrganizationId}", signed.AccessToken);

        Assert.That((string?)organization["id"], Is.EqualTo(customer.OrganizationId));
        Assert.That((string?)organization["name"], Is.EqualTo($"{prefix} Single"));
        Assert.That((int?)organization["activeUsers"], Is.EqualTo(1));
        await AssertProblemAsync(await GetAsync($"/api/v1/admin/organizations/{Guid.CreateVersion7()}", signed.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Changing_the_plan_answers_the_organization_shows_in_the_list_and_the_customers_me_and_is_audited()
    {
        var prefix = Prefix();
        var customer = await SignUpOrganizationAsync($"{prefix} Upgrade");
        var signed = await OperatorAsync();

        var response = await PutAsync($"/api/v1/admin/organizations/{customer.OrganizationId}/plan", new { plan = "pro" }, signed.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var changed = await JsonAsync(response);
        var listed = Items(await GetOkAsync($"/api/v1/admin/organizations?search={prefix}", signed.AccessToken)).Single();
        var me = await GetOkAsync("/api/v1/me", customer.AccessToken);
        var events = Items(await GetOkAsync($"/api/v1/admin/audit-events?organizationId={customer.OrganizationId}&type=organization.plan_changed", signed.AccessToken));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)changed["id"], Is.EqualTo(customer.OrganizationId));
            Assert.That((string?)changed["plan"], Is.EqualTo("pro"));
            Assert.That((long?)Meter(changed, "users")["limit"], Is.EqualTo(25), "limits follow the new plan");
            Assert.That((string?)listed["plan"], Is.EqualTo("pro"));
            Assert.That((string?)me["plan"]!["id"], Is.EqualTo("pro"));
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That((string?)events[0]["organizationId"], Is.EqualTo(customer.OrganizationId));
            Assert.That((string?)events[0]["actorUserId"], Is.EqualTo(signed.UserId));
            Assert.That((string?)events[0]["actorEmail"], Is.EqualTo(OperatorEmail));
            Assert.That((string?)events[0]["data"]!["from"], Is.EqualTo("trial"));
            Assert.That((string?)events[0]["data"]!["to"], Is.EqualTo("pro"));
        }
    }

    [Test]
    public async Task Enterprise_is_unlimited_and_setting_the_same_plan_again_records_nothing()
    {
        var customer = await SignUpOrganizationAsync(Prefix() + " Enterprise");
        var signed = await OperatorAsync();
        var url = $"/api/v1/admin/organizations/{customer.OrganizationId}/plan";

        await PutAsync(url, new { plan = "enterprise" }, signed.AccessToken);
        var again = await PutAsync(url, new { plan = "Enterprise" }, signed.AccessToken);

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await JsonAsync(again);
        Assert.That(body["usage"]!.AsArray().Select(m => m!["limit"]), Is.All.Null);
        var events = await GetOkAsync($"/api/v1/admin/audit-events?organizationId={customer.OrganizationId}&type=organization.plan_changed", signed.AccessToken);
        Assert.That((int?)events["total"], Is.EqualTo(1));
    }

    [Test]
    public async Task A_bad_plan_is_400_and_an_unknown_organization_is_404()
    {
        var customer = await SignUpOrganizationAsync(Prefix() + " Bad plan");
        var signed = await OperatorAsync();
        var url = $"/api/v1/admin/organizations/{customer.OrganizationId}/plan";

        var unknownPlan = await AssertProblemAsync(await PutAsync(url, new { plan = "platinum" }, signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await PutAsync(url, new { }, signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await PutAsync(url, "{\"plan\":", signed.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await PutAsync($"/api/v1/admin/organizations/{Guid.CreateVersion7()}/plan", new { plan = "pro" }, signed.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.That(unknownPlan["errors"]!["plan"], Is.Not.Null);
        var organization = await GetOkAsync($"/api/v1/admin/organizations/{customer.OrganizationId}", signed.AccessToken);
        Assert.That((string?)organization["plan"], Is.EqualTo("trial"));
    }
}
