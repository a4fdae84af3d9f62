using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;
using CXGear.Domain.Organizations;

namespace CXGear.Api.Tests.Billing;

public sealed class BillingTests : ApiTestBase
{
    private static JsonNode Meter(JsonNode billing, string name) =>
        billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == name)!;

    [Test]
    public async Task Billing_shows_the_plan_and_every_meter_with_used_limit_remaining_and_reset()
    {
        var admin = await SignUpAsync();
        await PostAsync("/api/v1/projects", new { name = "One", type = "outreach" }, admin.AccessToken);

        var response = await GetAsync("/api/v1/billing", admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var billing = await JsonAsync(response);
        Assert.That((string?)billing["plan"], Is.EqualTo("trial"));
        Assert.That(billing["meters"]!.AsArray().Select(m => (string?)m!["meter"]),
            Is.EqualTo(new[] { "projects", "spinners", "users", "data_tables", "api_keys", "channels", "jobs", "records" }));
        var projects = Meter(billing, "projects");
        Assert.That(((long)projects["used"]!, (long?)projects["limit"], (long?)projects["remaining"]), Is.EqualTo((1L, (long?)1, (long?)0)));
        Assert.That(projects["resetsAt"], Is.Null, "capacity meters never reset");
        var users = Meter(billing, "users");
        Assert.That(((long)users["used"]!, (long?)users["limit"]), Is.EqualTo((1L, (long?)3)), "the founder holds a seat");
        var jobs = Meter(billing, "jobs");
        Assert.That((string?)jobs["kind"], Is.EqualTo("monthly"));
        Assert.That((DateTime)jobs["resetsAt"]!, Is.EqualTo(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)), "the test clock starts on 2 November 2026");
    }

    [Test]
    public async Task Enterprise_meters_are_unlimited_and_counting()
    {
        var admin = await SignUpAsync();
        await Seed.PlanAsync(Factory, admin.OrganizationId, PlanId.Enterprise);
        await PostAsync("/api/v1/projects", new { name = "One", type = "outreach" }, admin.AccessToken);
        await PostAsync("/api/v1/projects", new { name = "Two", type = "outreach" }, admin.AccessToken);

        var billing = await JsonAsync(await GetAsync("/api/v1/billing", admin.AccessToken));

        var projects = Meter(billing, "projects");
        Assert.That((string?)billing["plan"], Is.EqualTo("enterprise"));
        Assert.That((long)projects["used"]!, Is.EqualTo(2));
        Assert.That(projects["limit"], Is.Null);
        Assert.That(projects["remaining"], Is.Null);
    }

    [Test]
    public async Task After_a_downgrade_usage_above_the_cap_leaves_nothing_remaining()
    {
        var admin = await SignUpAsync();
        await Seed.PlanAsync(Factory, admin.OrganizationId, PlanId.Pro);
        await PostAsync("/api/v1/projects", new { name = "One", type = "outreach" }, admin.AccessToken);
        await PostAsync("/api/v1/projects", new { name = "Two", type = "outreach" }, admin.AccessToken);
        await Seed.PlanAsync(Factory, admin.OrganizationId, PlanId.Trial);

        var projects = Meter(await JsonAsync(await GetAsync("/api/v1/billing", admin.AccessToken)), "projects");
        var refused = await AssertProblemAsync(await PostAsync("/api/v1/projects", new { name = "Three", type = "outreach" }, admin.AccessToken), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That(((long)projects["used"]!, (long?)projects["limit"], (long?)projects["remaining"]), Is.EqualTo((2L, (long?)1, (long?)0)));
        Assert.That((string?)refused["message"], Is.EqualTo("Project limit reached on the trial plan (2/1). Upgrade to continue."));
    }

    [Test]
    public async Task Billing_needs_billing_read_and_a_token()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, SystemRoles.AgentId);
        var agent = await LoginAsync(email);

        var denied = await AssertProblemAsync(await GetAsync("/api/v1/billing", agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await GetAsync("/api/v1/billing"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        Assert.That((string?)denied["permission"], Is.EqualTo("billing.read"));
    }
}

public sealed class ConfiguredPlanTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Plans:Trial:Projects"] = "2";

    [Test]
    public async Task Plan_caps_come_from_configuration()
    {
        var admin = await SignUpAsync();

        Assert.That((await PostAsync("/api/v1/projects", new { name = "One", type = "outreach" }, admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await PostAsync("/api/v1/projects", new { name = "Two", type = "outreach" }, admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var refused = await AssertProblemAsync(await PostAsync("/api/v1/projects", new { name = "Three", type = "outreach" }, admin.AccessToken), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That((int)refused["limit"]!, Is.EqualTo(2));
    }
}
