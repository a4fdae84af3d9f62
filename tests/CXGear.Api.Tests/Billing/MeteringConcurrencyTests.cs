using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Organizations;
using CXGear.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Billing;

/// <summary>The meter holds under concurrency: check and count are one conditional statement in the change's transaction.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class MeteringConcurrencyTests : ApiTestBase
{
    public MeteringConcurrencyTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Twenty_concurrent_creations_with_nine_left_create_exactly_nine()
    {
        var admin = await SignUpAsync();
        await Seed.PlanAsync(Factory, admin.OrganizationId, PlanId.Pro);
        var first = await PostAsync("/api/v1/projects", new { name = "Existing", type = "outreach" }, admin.AccessToken);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), "Pro allows 10 projects; 9 are left after this one");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            PostAsync("/api/v1/projects", new { name = $"Concurrent {i}", type = "outreach" }, admin.AccessToken)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(9), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Forbidden), Is.EqualTo(11), string.Join(", ", statuses));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Forbidden))
        {
            await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "PLAN_LIMIT");
        }

        var organizationId = Guid.Parse(admin.OrganizationId);
        Assert.That(await Seed.CountAsync(Factory, db => db.Projects.IgnoreQueryFilters().Where(p => p.OrganizationId == organizationId)), Is.EqualTo(10));
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", admin.AccessToken));
        var projects = billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == "projects")!;
        Assert.That((long)projects["used"]!, Is.EqualTo(10));
    }
}
