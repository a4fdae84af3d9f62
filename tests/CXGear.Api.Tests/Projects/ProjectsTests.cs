using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Projects;

public sealed class ProjectsTests : ApiTestBase
{
    private async Task<HttpResponseMessage> CreateRawAsync(string token, string name = "Spring campaign", string type = "outreach") =>
        await PostAsync("/api/v1/projects", new { name, type }, token);

    private async Task<string> CreateAsync(string token, string name = "Spring campaign", string type = "outreach")
    {
        var response = await CreateRawAsync(token, name, type);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["id"]!;
    }

    [Test]
    public async Task An_admin_creates_reads_renames_lists_and_deletes_a_project()
    {
        var admin = await SignUpAsync();

        var created = await CreateRawAsync(admin.AccessToken, "  Spring campaign  ", "call_analyzer");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var project = await JsonAsync(created);
        var id = (string)project["id"]!;
        Assert.That(created.Headers.Location!.ToString(), Does.EndWith($"/api/v1/projects/{id}"));
        Assert.That((string?)project["name"], Is.EqualTo("Spring campaign"));
        Assert.That((string?)project["type"], Is.EqualTo("call_analyzer"));
        Assert.That((string?)project["createdByUserId"], Is.EqualTo(admin.UserId));

        var read = await JsonAsync(await GetAsync($"/api/v1/projects/{id}", admin.AccessToken));
        Assert.That((string?)read["name"], Is.EqualTo("Spring campaign"));

        Advance(TimeSpan.FromMinutes(5));
        var renamed = await SendAsync(HttpMethod.Patch, $"/api/v1/projects/{id}", new { name = "Summer campaign" }, admin.AccessToken);
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var renamedBody = await JsonAsync(renamed);
        Assert.That((string?)renamedBody["name"], Is.EqualTo("Summer campaign"));
        Assert.That((DateTime)renamedBody["updatedAt"]!, Is.GreaterThan((DateTime)renamedBody["createdAt"]!));

        var list = await JsonAsync(await GetAsync("/api/v1/projects", admin.AccessToken));
        Assert.That((int)list["total"]!, Is.EqualTo(1));
        Assert.That((int)list["page"]!, Is.EqualTo(1));
        Assert.That((int)list["pageSize"]!, Is.EqualTo(50));
        Assert.That((string?)list["items"]![0]!["id"], Is.EqualTo(id));

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{id}", token: admin.AccessToken);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{id}", admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Deleting_a_project_frees_its_place_on_the_meter()
    {
        var admin = await SignUpAsync();
        var first = await CreateAsync(admin.AccessToken);
        await AssertProblemAsync(await CreateRawAsync(admin.AccessToken), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{first}", token: admin.AccessToken);

        Assert.That((await CreateRawAsync(admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_full_projects_meter_is_plan_limit_with_the_product_message_and_creates_nothing()
    {
        var admin = await SignUpAsync();
        await CreateAsync(admin.AccessToken);

        var body = await AssertProblemAsync(await CreateRawAsync(admin.AccessToken, "Second"), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That((string?)body["message"], Is.EqualTo("Project limit reached on the trial plan (1/1). Upgrade to continue."));
        Assert.That((string?)body["meter"], Is.EqualTo("projects"));
        Assert.That((int)body["used"]!, Is.EqualTo(1));
        Assert.That((int)body["limit"]!, Is.EqualTo(1));
        var list = await JsonAsync(await GetAsync("/api/v1/projects", admin.AccessToken));
        Assert.That((int)list["total"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task A_rejected_project_moves_no_meter()
    {
        var admin = await SignUpAsync();

        await AssertProblemAsync(await CreateRawAsync(admin.AccessToken, name: ""), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((await CreateRawAsync(admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the one Trial project is still available");
    }

    [Test]
    public async Task Bad_input_is_a_validation_error_naming_the_field()
    {
        var admin = await SignUpAsync();

        var badType = await AssertProblemAsync(await CreateRawAsync(admin.AccessToken, type: "webinar"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var longName = await AssertProblemAsync(await CreateRawAsync(admin.AccessToken, name: new string('x', 201)), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var badPage = await AssertProblemAsync(await GetAsync("/api/v1/projects?pageSize=500", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await GetAsync("/api/v1/projects?page=0", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(badType["errors"]!["type"], Is.Not.Null);
        Assert.That(longName["errors"]!["name"], Is.Not.Null);
        Assert.That(badPage["errors"]!["pageSize"], Is.Not.Null);
    }

    [Test]
    public async Task The_type_of_a_project_cannot_change()
    {
        var admin = await SignUpAsync();
        var id = await CreateAsync(admin.AccessToken);

        var body = await AssertProblemAsync(await SendAsync(HttpMethod.Patch, $"/api/v1/projects/{id}", new { type = "call_analyzer" }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["type"], Is.Not.Null);
        Assert.That((string?)(await JsonAsync(await GetAsync($"/api/v1/projects/{id}", admin.AccessToken)))["type"], Is.EqualTo("outreach"));
    }

    [Test]
    public async Task Another_organizations_project_is_not_found_and_never_listed()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        var alicesProject = await CreateAsync(alice.AccessToken);

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{alicesProject}", bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await SendAsync(HttpMethod.Patch, $"/api/v1/projects/{alicesProject}", new { name = "Mine now" }, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{alicesProject}", token: bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var bobsList = await JsonAsync(await GetAsync("/api/v1/projects", bob.AccessToken));

        Assert.That((int)bobsList["total"]!, Is.EqualTo(0));
        Assert.That((string?)(await JsonAsync(await GetAsync($"/api/v1/projects/{alicesProject}", alice.AccessToken)))["name"], Is.EqualTo("Spring campaign"));
    }

    [Test]
    public async Task Reading_needs_projects_read_and_writing_needs_projects_write()
    {
        var admin = await SignUpAsync();
        var id = await CreateAsync(admin.AccessToken);
        var agentEmail = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, agentEmail, Password, SystemRoles.AgentId);
        var agent = await LoginAsync(agentEmail);

        Assert.That((await GetAsync("/api/v1/projects", agent.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "Agents hold projects.read");
        Assert.That((await GetAsync($"/api/v1/projects/{id}", agent.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var denied = await AssertProblemAsync(await CreateRawAsync(agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Patch, $"/api/v1/projects/{id}", new { name = "x" }, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{id}", token: agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.That((string?)denied["permission"], Is.EqualTo("projects.write"));
        Assert.That((string?)denied["message"], Does.Contain("projects.write"));
    }

    [Test]
    public async Task A_member_without_projects_read_cannot_list()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("nobody");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password);
        var member = await LoginAsync(email);

        var denied = await AssertProblemAsync(await GetAsync("/api/v1/projects", member.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.That((string?)denied["permission"], Is.EqualTo("projects.read"));
    }

    [Test]
    public async Task Every_route_needs_a_token()
    {
        var id = Guid.NewGuid();

        await AssertProblemAsync(await GetAsync("/api/v1/projects"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync("/api/v1/projects", new { name = "x", type = "outreach" }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{id}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await SendAsync(HttpMethod.Patch, $"/api/v1/projects/{id}", new { name = "x" }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/projects/{id}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Test]
    public async Task Lists_page_filter_by_type_and_search_by_name()
    {
        var admin = await SignUpAsync();
        await Seed.PlanAsync(Factory, admin.OrganizationId, Domain.Organizations.PlanId.Pro);
        await CreateAsync(admin.AccessToken, "North outreach");
        Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(admin.AccessToken, "South calls", "call_analyzer");
        Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(admin.AccessToken, "NORTH calls", "call_analyzer");

        var secondPage = await JsonAsync(await GetAsync("/api/v1/projects?page=2&pageSize=2", admin.AccessToken));
        var analyzers = await JsonAsync(await GetAsync("/api/v1/projects?type=call_analyzer", admin.AccessToken));
        var north = await JsonAsync(await GetAsync("/api/v1/projects?search=north", admin.AccessToken));

        Assert.That((int)secondPage["total"]!, Is.EqualTo(3));
        Assert.That(secondPage["items"]!.AsArray().Select(i => (string?)i!["name"]), Is.EqualTo(new[] { "North outreach" }), "newest first");
        Assert.That((int)analyzers["total"]!, Is.EqualTo(2));
        Assert.That(north["items"]!.AsArray().Select(i => (string?)i!["name"]), Is.EquivalentTo(new[] { "North outreach", "NORTH calls" }));
        Assert.That(await Seed.CountAsync(Factory, db => db.Projects.IgnoreQueryFilters()), Is.GreaterThanOrEqualTo(3));
    }
}
