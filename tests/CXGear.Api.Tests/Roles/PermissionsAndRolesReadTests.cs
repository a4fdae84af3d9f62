using System.Net;
using CXGear.Api.Tests.Users;

namespace CXGear.Api.Tests.Roles;

public sealed class PermissionsAndRolesReadTests : MembersTestBase
{
    [Test]
    public async Task The_permission_catalog_lists_every_key_with_a_description_for_any_member()
    {
        var admin = await SignUpAsync();
        var agent = await InviteAndLoginAsync(admin);

        var response = await GetAsync("/api/v1/permissions", agent.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        var items = body["items"]!.AsArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)body["total"], Is.EqualTo(22));
            Assert.That(items, Has.Count.EqualTo(22));
            Assert.That(items.Select(i => (string?)i!["key"]), Does.Contain("users.manage").And.Contain("data_tables.delete").And.Not.Contain("*"));
            Assert.That(items.Select(i => (string?)i!["description"]), Has.All.Not.Empty);
            Assert.That((string?)items.Single(i => (string?)i!["key"] == "roles.manage")!["description"], Is.EqualTo("Create and edit custom roles"));
        }
    }

    [Test]
    public async Task Roles_list_system_roles_first_then_the_organizations_own_with_holder_counts()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();
        await CreateRoleAsync(other, "Not ours");
        var custom = await CreateRoleAsync(admin, "Night shift", SupervisorRoleId);
        await InviteAsync(admin, roleIds: [(string)custom["id"]!, AgentRoleId]);
        var agent = await InviteAndLoginAsync(admin);

        var response = await GetAsync("/api/v1/roles", agent.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        var items = body["items"]!.AsArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)body["total"], Is.EqualTo(4));
            Assert.That(items.Select(r => (string?)r!["name"]), Is.EqualTo(new[] { "Admin", "Agent", "Supervisor", "Night shift" }));
            Assert.That(items.Select(r => (bool?)r!["isSystem"]), Is.EqualTo(new bool?[] { true, true, true, false }));
            Assert.That(items.Select(r => (int?)r!["userCount"]), Is.EqualTo(new int?[] { 1, 2, 0, 1 }));
            Assert.That((string?)items[0]!["permissions"]![0], Is.EqualTo("*"));
            Assert.That(items[0]!["basedOnRoleId"], Is.Null);
            Assert.That((string?)items[3]!["basedOnRoleId"], Is.EqualTo(SupervisorRoleId));
        }
    }

    [Test]
    public async Task A_role_reads_by_id_and_another_organizations_role_is_not_found()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();
        var theirs = await CreateRoleAsync(other, "Theirs");

        var system = await GetAsync($"/api/v1/roles/{SupervisorRoleId}", admin.AccessToken);

        Assert.That((string?)(await JsonAsync(system))["name"], Is.EqualTo("Supervisor"));
        await AssertProblemAsync(await GetAsync($"/api/v1/roles/{(string)theirs["id"]!}", admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Reading_needs_a_token()
    {
        await AssertProblemAsync(await GetAsync("/api/v1/permissions"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync("/api/v1/roles"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Test]
    public async Task Role_paging_is_validated()
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(await GetAsync("/api/v1/roles?pageSize=500", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["pageSize"], Is.Not.Null);
    }
}
