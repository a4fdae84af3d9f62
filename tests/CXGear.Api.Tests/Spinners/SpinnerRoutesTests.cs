using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;

namespace CXGear.Api.Tests.Spinners;

public sealed class SpinnerRoutesTests : SpinnersTestBase
{
    [Test]
    public async Task An_admin_creates_reads_lists_and_edits_a_draft()
    {
        var (admin, project, table) = await ArrangeTableAsync(["name"]);

        var created = await CreateSpinnerRawAsync(admin.AccessToken, project, new { name = "  Outreach  ", dataTableId = table, definition = Def(LogThenTag) });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var spinner = await JsonAsync(created);
        var id = (string)spinner["id"]!;
        Assert.That(created.Headers.Location!.ToString(), Does.EndWith($"/api/v1/spinners/{id}"));
        Assert.That((string?)spinner["name"], Is.EqualTo("Outreach"));
        Assert.That(((string?)spinner["projectId"], (string?)spinner["dataTableId"]), Is.EqualTo((project, table)));
        Assert.That(((string?)spinner["kind"], (string?)spinner["status"]), Is.EqualTo(("main", "draft")));
        Assert.That(spinner["currentVersion"], Is.Null);
        Assert.That(spinner["parentSpinnerId"], Is.Null);
        Assert.That(spinner["schedule"], Is.Null);
        Assert.That(JsonNode.DeepEquals(spinner["definition"], Def(LogThenTag)), Is.True, spinner["definition"]!.ToJsonString());

        Advance(TimeSpan.FromSeconds(1));
        var second = await CreateSpinnerAsync(admin.AccessToken, project, table, "Later");
        var list = await JsonAsync(await GetAsync($"/api/v1/projects/{project}/spinners", admin.AccessToken));
        Assert.That((int)list["total"]!, Is.EqualTo(2));
        Assert.That(list["items"]!.AsArray().Select(i => (string?)i!["id"]), Is.EqualTo(new[] { second, id }), "newest first");

        const string edited = "{'steps':[{'id':'a','type':'tag','disposition':'Done'}]}";
        var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{id}", new { name = "Renamed", definition = Def(edited) }, admin.AccessToken);

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var read = await SpinnerAsync(admin.AccessToken, id);
        Assert.That((string?)read["name"], Is.EqualTo("Renamed"));
        Assert.That(JsonNode.DeepEquals(read["definition"], Def(edited)), Is.True, read["definition"]!.ToJsonString());
    }

    // The mapping over HTTP on both routes; every other bad definition is in UseCases.Tests (SpinnerRulesTests).
    [TestCase("{'steps':[{'id':'s1','type':'teleport'}]}", "definition.steps[0].type", TestName = "Unknown step type")]
    public async Task An_invalid_definition_is_400_at_its_path_on_create_and_on_save(string definition, string path)
    {
        var (admin, project, table, spinner) = await ArrangeSpinnerAsync();
        var before = (await SpinnerAsync(admin.AccessToken, spinner))["definition"]!.ToJsonString();

        var create = await AssertProblemAsync(
            await CreateSpinnerRawAsync(admin.AccessToken, project, new { name = "Bad", dataTableId = table, definition = Def(definition) }),
            HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var save = await AssertProblemAsync(
            await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{spinner}", new { name = "Bad", definition = Def(definition) }, admin.AccessToken),
            HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(create["errors"]![path], Is.Not.Null, create.ToJsonString());
        Assert.That(save["errors"]![path], Is.Not.Null, save.ToJsonString());
        var list = await JsonAsync(await GetAsync($"/api/v1/projects/{project}/spinners", admin.AccessToken));
        Assert.That((int)list["total"]!, Is.EqualTo(1), "nothing created");
        var after = await SpinnerAsync(admin.AccessToken, spinner);
        Assert.That((after["definition"]!.ToJsonString(), (string?)after["name"]), Is.EqualTo((before, "Outreach")), "the draft is unchanged");
    }

    [Test]
    public async Task Missing_name_table_or_definition_are_400_at_their_paths()
    {
        var (admin, project, table) = await ArrangeTableAsync(["name"]);

        var body = await AssertProblemAsync(await CreateSpinnerRawAsync(admin.AccessToken, project, new { name = "" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "name", "dataTableId", "definition" }), body.ToJsonString());
        var longName = await AssertProblemAsync(
            await CreateSpinnerRawAsync(admin.AccessToken, project, new { name = new string('x', 201), dataTableId = table, definition = Def(LogThenTag) }),
            HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(longName["errors"]!["name"], Is.Not.Null);
    }

    [Test]
    public async Task Another_organizations_spinners_and_projects_are_not_found()
    {
        var (alice, aliceProject, aliceTable, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(alice.AccessToken, spinner);
        var bob = await SignUpAsync();
        var s = $"/api/v1/spinners/{spinner}";

        await AssertProblemAsync(await GetAsync(s, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, s, new { name = "Mine", definition = Def(LogThenTag) }, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PublishRawAsync(bob.AccessToken, spinner), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"{s}/versions", bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await ScheduleRawAsync(bob.AccessToken, spinner, "0 9 * * *", "UTC"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{aliceProject}/spinners", bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(
            await CreateSpinnerRawAsync(bob.AccessToken, aliceProject, new { name = "x", dataTableId = aliceTable, definition = Def(LogThenTag) }),
            HttpStatusCode.NotFound, "NOT_FOUND");

        var read = await SpinnerAsync(alice.AccessToken, spinner);
        Assert.That(((string?)read["name"], (int?)read["currentVersion"], read["schedule"]), Is.EqualTo(("Outreach", (int?)1, (JsonNode?)null)));
    }

    [Test]
    public async Task Reading_needs_spinners_read_and_changing_needs_spinners_write()
    {
        var (admin, project, table, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);
        var readerRole = await Seed.RoleAsync(Factory, admin.OrganizationId, Permissions.ProjectsRead, Permissions.SpinnersRead);
        var readerEmail = UniqueEmail("reader");
        await Seed.MemberAsync(Factory, admin.OrganizationId, readerEmail, Password, readerRole);
        var reader = await LoginAsync(readerEmail);
        var agentEmail = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, agentEmail, Password, SystemRoles.AgentId);
        var agent = await LoginAsync(agentEmail);
        var s = $"/api/v1/spinners/{spinner}";

        Assert.That((await GetAsync($"/api/v1/projects/{project}/spinners", reader.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync(s, reader.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync($"{s}/versions", reader.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var createDenied = await AssertProblemAsync(
            await CreateSpinnerRawAsync(reader.AccessToken, project, new { name = "x", dataTableId = table, definition = Def(LogThenTag) }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, s, new { name = "x", definition = Def(LogThenTag) }, reader.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await PublishRawAsync(reader.AccessToken, spinner), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await ScheduleRawAsync(reader.AccessToken, spinner, "0 9 * * *", "UTC"), HttpStatusCode.Forbidden, "FORBIDDEN");
        var readDenied = await AssertProblemAsync(await GetAsync(s, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{project}/spinners", agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await GetAsync($"{s}/versions", agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.That((string?)createDenied["permission"], Is.EqualTo("spinners.write"));
        Assert.That((string?)readDenied["permission"], Is.EqualTo("spinners.read"));
        var read = await SpinnerAsync(admin.AccessToken, spinner);
        Assert.That(((int?)read["currentVersion"], read["schedule"], (string?)read["name"]), Is.EqualTo(((int?)1, (JsonNode?)null, "Outreach")), "no denied change landed");
    }

    [Test]
    public async Task Every_route_needs_a_token()
    {
        var id = Guid.NewGuid();
        var s = $"/api/v1/spinners/{id}";

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{id}/spinners"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"/api/v1/projects/{id}/spinners", new { name = "x" }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync(s), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, s, new { name = "x" }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"{s}/publish"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"{s}/versions"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"{s}/schedule", new { cron = "0 9 * * *" }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
