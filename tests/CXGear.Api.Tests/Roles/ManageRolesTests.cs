using System.Net;
using CXGear.Api.Tests.Users;

namespace CXGear.Api.Tests.Roles;

public sealed class ManageRolesTests : MembersTestBase
{
    [Test]
    public async Task Create_extends_a_system_role_with_its_keys()
    {
        var admin = await SignUpAsync();

        var response = await PostAsync("/api/v1/roles", new { name = " Floor lead ", basedOnRoleId = SupervisorRoleId }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var role = await JsonAsync(response);
        var supervisor = await JsonAsync(await GetAsync($"/api/v1/roles/{SupervisorRoleId}", admin.AccessToken));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/roles/{(string)role["id"]!}"));
            Assert.That((string?)role["name"], Is.EqualTo("Floor lead"));
            Assert.That((bool?)role["isSystem"], Is.False);
            Assert.That((string?)role["basedOnRoleId"], Is.EqualTo(SupervisorRoleId));
            Assert.That((int?)role["userCount"], Is.EqualTo(0));
            Assert.That(role["permissions"]!.AsArray().Select(p => (string?)p), Is.EquivalentTo(supervisor["permissions"]!.AsArray().Select(p => (string?)p)));
        }

        var read = await GetAsync(response.Headers.Location!.ToString(), admin.AccessToken);
        Assert.That((string?)(await JsonAsync(read))["name"], Is.EqualTo("Floor lead"));
    }

    [Test]
    public async Task Create_needs_a_name_and_a_base()
    {
        var admin = await SignUpAsync();

        var response = await PostAsync("/api/v1/roles", new { name = "  " }, admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "name", "basedOnRoleId" }));
    }

    [Test]
    public async Task Update_renames_and_replaces_keys_which_apply_to_holders_at_once()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "Helpers");
        var id = (string)role["id"]!;
        var member = await InviteAndLoginAsync(admin, id);
        await AssertProblemAsync(await GetAsync("/api/v1/users", member.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        var response = await PatchAsync($"/api/v1/roles/{id}", new { name = "User helpers", permissions = new[] { "users.manage" } }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)body["name"], Is.EqualTo("User helpers"));
            Assert.That(body["permissions"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { "users.manage" }));
            Assert.That((int?)body["userCount"], Is.EqualTo(1));
        }

        Assert.That((await GetAsync("/api/v1/users", member.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_removes_an_unused_role()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "Temporary");
        var url = $"/api/v1/roles/{(string)role["id"]!}";

        var response = await DeleteAsync(url, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync(url, admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_role_still_held_cannot_be_deleted_even_by_a_disabled_user()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "Held");
        var id = (string)role["id"]!;
        var user = await InviteAsync(admin, roleIds: [id]);
        await PatchAsync($"/api/v1/users/{(string)user["id"]!}", new { status = "disabled" }, admin.AccessToken);

        var response = await DeleteAsync($"/api/v1/roles/{id}", admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.Conflict, "CONFLICT");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)body["userCount"], Is.EqualTo(1));
            Assert.That((string?)body["message"], Does.Contain("1 user"));
        }
    }

    [Test]
    public async Task Another_organizations_role_is_not_found()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();
        var theirs = await CreateRoleAsync(other, "Theirs");
        var url = $"/api/v1/roles/{(string)theirs["id"]!}";

        await AssertProblemAsync(await PatchAsync(url, new { name = "Mine now" }, admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await DeleteAsync(url, admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That((string?)(await JsonAsync(await GetAsync(url, other.AccessToken)))["name"], Is.EqualTo("Theirs"));
    }

    [Test]
    public async Task Managing_roles_needs_a_token_and_the_roles_manage_permission()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "Existing");
        var url = $"/api/v1/roles/{(string)role["id"]!}";
        var agent = await InviteAndLoginAsync(admin);

        await AssertProblemAsync(await PostAsync("/api/v1/roles", new { name = "X", basedOnRoleId = AgentRoleId }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PatchAsync(url, new { name = "Y" }, token: null), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await DeleteAsync(url, token: null), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        var forbidden = await AssertProblemAsync(await PostAsync("/api/v1/roles", new { name = "X", basedOnRoleId = AgentRoleId }, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await PatchAsync(url, new { name = "Y" }, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await DeleteAsync(url, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)forbidden["permission"], Is.EqualTo("roles.manage"));
    }
}
