using System.Net;
using CXGear.Api.Tests.Users;
using CXGear.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Security;

/// <summary>
/// Permissions that depend on what a request touches: a key's scopes, a project's contents. Before the fix each refused
/// request here succeeded (201, 204).
/// </summary>
public sealed class DependentPermissionTests : MembersTestBase
{
    [Test]
    public async Task A_key_manager_grants_only_the_scopes_their_own_permissions_cover()
    {
        var admin = await SignUpAsync();
        var keyManagers = await CreateRoleAsync(admin, "Key managers", permissions: ["api_keys.manage", "spinners.run"]);
        var manager = await InviteAndLoginAsync(admin, (string)keyManagers["id"]!);

        var ingest = await PostAsync("/api/v1/api-keys", new { name = "CRM", scopes = new[] { "ingest", "trigger" } }, manager.AccessToken);
        var trigger = await PostAsync("/api/v1/api-keys", new { name = "Scheduler", scopes = new[] { "trigger" } }, manager.AccessToken);

        var body = await AssertProblemAsync(ingest, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)body["permission"], Is.EqualTo("projects.write"));
        Assert.That(trigger.StatusCode, Is.EqualTo(HttpStatusCode.Created), "spinners.run covers the trigger scope");
    }

    [Test]
    public async Task Deleting_a_project_with_tables_and_spinners_needs_their_delete_permissions_and_is_audited()
    {
        var admin = await SignUpAsync();
        var writers = await CreateRoleAsync(admin, "Project writers", permissions: ["projects.read", "projects.write"]);
        var writer = await InviteAndLoginAsync(admin, (string)writers["id"]!);
        var project = (string)(await JsonAsync(await PostAsync("/api/v1/projects", new { name = "Leads", type = "outreach" }, admin.AccessToken)))["id"]!;
        var table = await PostAsync($"/api/v1/projects/{project}/data-tables", new { name = "Contacts", columns = new[] { "name" } }, admin.AccessToken);
        Assert.That(table.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var refused = await DeleteAsync($"/api/v1/projects/{project}", writer.AccessToken);
        var byAdmin = await DeleteAsync($"/api/v1/projects/{project}", admin.AccessToken);
        var empty = (string)(await JsonAsync(await PostAsync("/api/v1/projects", new { name = "Empty", type = "outreach" }, admin.AccessToken)))["id"]!;
        var emptyDeleted = await DeleteAsync($"/api/v1/projects/{empty}", writer.AccessToken);

        var body = await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)body["permission"], Is.EqualTo("data_tables.delete"));
        Assert.That((emptyDeleted.StatusCode, byAdmin.StatusCode), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NoContent)));
        var audited = await Infrastructure.Seed.CountAsync(Factory, db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.Type == AuditEventTypes.ProjectDeleted));
        Assert.That(audited, Is.EqualTo(2));
    }
}
