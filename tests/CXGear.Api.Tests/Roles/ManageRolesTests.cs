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
    public async Task Create_takes_the_given_keys_and_admin_is_spelled_out_without_the_wildcard()
    {
        var admin = await SignUpAsync();

        var billing = await CreateRoleAsync(admin, "Billing", AgentRoleId, ["billing.read", "projects.read"]);
        var almost = await CreateRoleAsync(admin, "Almost admin", AdminRoleId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(billing["permissions"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { "billing.read", "projects.read" }));
            Assert.That(almost["permissions"]!.AsArray(), Has.Count.EqualTo(22));
            Assert.That(almost["permissions"]!.AsArray().Select(p => (string?)p), Does.Not.Contain("*"));
        }
    }

    [TestCase("*", "permissions[0]")]
    [TestCase("projects.delete", "permissions[0]")]
    public async Task Create_refuses_the_wildcard_and_unknown_keys(string key, string field)
    {
        var admin = await SignUpAsync();

        var response = await PostAsync("/api/v1/roles", new { name = "Bad", basedOnRoleId = AgentRoleId, permissions = new[] { key } }, admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]![field], Is.Not.Null, body.ToJsonString());
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
    public async Task A_custom_role_cannot_be_a_base_and_an_unknown_base_is_not_found()
    {
        var admin = await SignUpAsync();
        var custom = await CreateRoleAsync(admin, "Custom");

        var fromCustom = await PostAsync("/api/v1/roles", new { name = "Copy", basedOnRoleId = (string)custom["id"]! }, admin.AccessToken);
        var fromNothing = await PostAsync("/api/v1/roles", new { name = "Copy", basedOnRoleId = Guid.NewGuid() }, admin.AccessToken);

        var body = await AssertProblemAsync(fromCustom, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["basedOnRoleId"], Is.Not.Null);
        await AssertProblemAsync(fromNothing, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [TestCase("Admin")]
    [TestCase("supervisor")]
    [TestCase("NIGHT SHIFT")]
    public async Task A_name_already_used_by_a_system_or_own_role_is_a_conflict(string name)
    {
        var admin = await SignUpAsync();
        await CreateRoleAsync(admin, "Night shift");

        var response = await PostAsync("/api/v1/roles", new { name, basedOnRoleId = AgentRoleId }, admin.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "CONFLICT");
    }

    [Test]
    public async Task Another_organization_may_use_the_same_name()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();
        await CreateRoleAsync(other, "Night shift");

        var role = await CreateRoleAsync(admin, "Night shift");

        Assert.That((string?)role["name"], Is.EqualTo("Night shift"));
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
    public async Task Update_with_only_a_name_keeps_the_keys()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "Helpers", permissions: ["vault.read"]);

        var body = await JsonAsync(await PatchAsync($"/api/v1/roles/{(string)role["id"]!}", new { name = "Vault readers" }, admin.AccessToken));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)body["name"], Is.EqualTo("Vault readers"));
            Assert.That(body["permissions"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { "vault.read" }));
        }
    }

    [Test]
    public async Task System_roles_are_read_only()
    {
        var admin = await SignUpAsync();

        await AssertProblemAsync(await PatchAsync($"/api/v1/roles/{AgentRoleId}", new { name = "Rep" }, admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        await AssertProblemAsync(await DeleteAsync($"/api/v1/roles/{AdminRoleId}", admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var agent = await JsonAsync(await GetAsync($"/api/v1/roles/{AgentRoleId}", admin.AccessToken));
        Assert.That((string?)agent["name"], Is.EqualTo("Agent"));
    }

    [Test]
    public async Task Update_refuses_a_taken_name_and_bad_keys()
    {
        var admin = await SignUpAsync();
        await CreateRoleAsync(admin, "First");
        var second = await CreateRoleAsync(admin, "Second");
        var url = $"/api/v1/roles/{(string)second["id"]!}";

        await AssertProblemAsync(await PatchAsync(url, new { name = "first" }, admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        var bad = await AssertProblemAsync(await PatchAsync(url, new { permissions = new[] { "users.manage", "*" } }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var blank = await AssertProblemAsync(await PatchAsync(url, new { name = "" }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bad["errors"]!["permissions[1]"], Is.Not.Null, bad.ToJsonString());
            Assert.That(blank["errors"]!["name"], Is.Not.Null, blank.ToJsonString());
        }
    }

    [Test]
    public async Task Renaming_a_role_to_its_own_name_in_another_case_is_allowed()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "night shift");

        var response = await PatchAsync($"/api/v1/roles/{(string)role["id"]!}", new { name = "Night Shift" }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((string?)(await JsonAsync(response))["name"], Is.EqualTo("Night Shift"));
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
