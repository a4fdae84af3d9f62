using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;

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
