using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.DataTables;

public sealed class DataTablesTests : DataTablesTestBase
{
    [Test]
    public async Task An_admin_creates_reads_lists_and_deletes_a_table()
    {
        var admin = await SignUpAsync();
        var project = await CreateProjectAsync(admin.AccessToken);

        var created = await CreateTableRawAsync(admin.AccessToken, project, "  Spring leads  ", [" name ", "phone"]);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var table = await JsonAsync(created);
        var id = (string)table["id"]!;
        Assert.That(created.Headers.Location!.ToString(), Does.EndWith($"/api/v1/data-tables/{id}"));
        Assert.That((string?)table["name"], Is.EqualTo("Spring leads"));
        Assert.That((string?)table["projectId"], Is.EqualTo(project));
        Assert.That(Strings(table["columns"]), Is.EqualTo(new[] { "name", "phone" }));
        Assert.That(Strings(table["metadataFields"]), Is.Empty);
        Assert.That((long)table["rowCount"]!, Is.Zero);
        Assert.That((bool)table["ingestEnabled"]!, Is.False);

        Assert.That((string?)(await TableAsync(admin.AccessToken, id))["name"], Is.EqualTo("Spring leads"));
        Advance(TimeSpan.FromSeconds(1));
        var second = await CreateTableAsync(admin.AccessToken, project, "Later");
        var list = await JsonAsync(await GetAsync($"/api/v1/projects/{project}/data-tables", admin.AccessToken));
        Assert.That((int)list["total"]!, Is.EqualTo(2));
        Assert.That(list["items"]!.AsArray().Select(i => (string?)i!["id"]), Is.EqualTo(new[] { second, id }), "newest first");

        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/data-tables/{id}", token: admin.AccessToken);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync($"/api/v1/data-tables/{id}", admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_full_data_tables_meter_is_plan_limit_and_creates_nothing()
    {
        var admin = await SignUpAsync();
        var project = await CreateProjectAsync(admin.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            await CreateTableAsync(admin.AccessToken, project);
        }

        var body = await AssertProblemAsync(await CreateTableRawAsync(admin.AccessToken, project, "Sixth"), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That((string?)body["message"], Is.EqualTo("Data table limit reached on the trial plan (5/5). Upgrade to continue."));
        Assert.That((string?)body["meter"], Is.EqualTo("data_tables"));
        var list = await JsonAsync(await GetAsync($"/api/v1/projects/{project}/data-tables", admin.AccessToken));
        Assert.That((int)list["total"]!, Is.EqualTo(5));
    }

    [Test]
    public async Task Another_organizations_tables_are_not_found()
    {
        var (alice, project, table) = await ArrangeTableAsync(["name"]);
        var bob = await SignUpAsync();
        var t = $"/api/v1/data-tables/{table}";

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{project}/data-tables", bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await CreateTableRawAsync(bob.AccessToken, project), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync(t, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"{t}/rows", bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await CsvAsync(bob.AccessToken, $"{t}/import", "name\nx\n"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await CsvAsync(bob.AccessToken, $"{t}/append", "name\nx\n"), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"{t}/metadata-fields", new { fields = new[] { "name" } }, bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"{t}/ingest-webhook", bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PostAsync($"{t}/ingest-webhook/rotate", token: bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, t, token: bob.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");

        var mine = await TableAsync(alice.AccessToken, table);
        Assert.That((long)mine["rowCount"]!, Is.Zero, "nothing of Bob's reached Alice's table");
        Assert.That((bool)mine["ingestEnabled"]!, Is.False);
    }

    [Test]
    public async Task Rows_are_confined_through_their_table_so_a_context_without_an_organization_sees_none()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name\nAda\nGrace\n");
        var tableId = Guid.Parse(table);

        var unfiltered = await Seed.CountAsync(Factory, db => db.DataRows.IgnoreQueryFilters().Where(r => r.DataTableId == tableId));
        var filtered = await Seed.CountAsync(Factory, db => db.DataRows.Where(r => r.DataTableId == tableId));

        Assert.That((unfiltered, filtered), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task Reading_needs_projects_read_changing_needs_projects_write_and_deleting_needs_data_tables_delete()
    {
        var (admin, project, table) = await ArrangeTableAsync(["name"]);
        var agentEmail = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, agentEmail, Password, SystemRoles.AgentId);
        var agent = await LoginAsync(agentEmail);
        var writerRole = await Seed.RoleAsync(Factory, admin.OrganizationId, Permissions.ProjectsRead, Permissions.ProjectsWrite);
        var writerEmail = UniqueEmail("writer");
        await Seed.MemberAsync(Factory, admin.OrganizationId, writerEmail, Password, writerRole);
        var writer = await LoginAsync(writerEmail);
        var t = $"/api/v1/data-tables/{table}";

        Assert.That((await GetAsync($"/api/v1/projects/{project}/data-tables", agent.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync(t, agent.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync($"{t}/rows", agent.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetAsync($"{t}/ingest-webhook", agent.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var denied = await AssertProblemAsync(await CreateTableRawAsync(agent.AccessToken, project), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await CsvAsync(agent.AccessToken, $"{t}/import", "name\nx\n"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await CsvAsync(agent.AccessToken, $"{t}/append", "name\nx\n"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"{t}/metadata-fields", new { fields = new[] { "name" } }, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await PostAsync($"{t}/ingest-webhook/rotate", token: agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, t, token: agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var writerDenied = await AssertProblemAsync(await SendAsync(HttpMethod.Delete, t, token: writer.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.That((string?)denied["permission"], Is.EqualTo("projects.write"));
        Assert.That((string?)writerDenied["permission"], Is.EqualTo("data_tables.delete"));
        Assert.That((await CsvAsync(writer.AccessToken, $"{t}/import", "name\nx\n")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "projects.write may import");
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1), "only the writer's import landed");
    }

    [Test]
    public async Task Every_route_needs_a_token()
    {
        var id = Guid.NewGuid();
        var t = $"/api/v1/data-tables/{id}";

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{id}/data-tables"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"/api/v1/projects/{id}/data-tables", new { name = "x" }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync(t), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"{t}/rows"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"{t}/import"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"{t}/append"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"{t}/ingest-webhook"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PostAsync($"{t}/ingest-webhook/rotate"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, t), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
