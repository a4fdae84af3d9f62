using System.Net;
using CXGear.Api.Tests.Infrastructure;

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
}
