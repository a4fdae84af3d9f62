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
