using System.Net;
using CXGear.Api.Tests.Users;

namespace CXGear.Api.Tests.Roles;

/// <summary>
/// <c>roles.manage</c> is not a way to every permission: a role manager grants only keys they hold and cannot reshape a
/// role held by someone beyond their reach. Each case failed before the fix (the role was created or widened).
/// </summary>
public sealed class RoleEscalationTests : MembersTestBase
{
    [Test]
    public async Task A_role_manager_cannot_create_a_role_wider_than_their_own()
    {
        var admin = await SignUpAsync();
        var managers = await CreateRoleAsync(admin, "Role managers", permissions: ["roles.manage"]);
        var manager = await InviteAndLoginAsync(admin, (string)managers["id"]!);

        var wider = await PostAsync("/api/v1/roles", new { name = "Keys", basedOnRoleId = AgentRoleId, permissions = new[] { "roles.manage", "api_keys.manage" } }, manager.AccessToken);
        var fromAdmin = await PostAsync("/api/v1/roles", new { name = "Everything", basedOnRoleId = AdminRoleId }, manager.AccessToken);
        var within = await PostAsync("/api/v1/roles", new { name = "Also managers", basedOnRoleId = AgentRoleId, permissions = new[] { "roles.manage" } }, manager.AccessToken);

        var body = await AssertProblemAsync(wider, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)body["permission"], Is.EqualTo("api_keys.manage"));
        await AssertProblemAsync(fromAdmin, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That(within.StatusCode, Is.EqualTo(HttpStatusCode.Created), "keys the manager holds may be granted");
    }

    [Test]
    public async Task A_role_manager_cannot_widen_their_own_role_and_nothing_changes()
    {
        var admin = await SignUpAsync();
        var managers = await CreateRoleAsync(admin, "Role managers", permissions: ["roles.manage"]);
        var id = (string)managers["id"]!;
        var manager = await InviteAndLoginAsync(admin, id);

        var widen = await PatchAsync($"/api/v1/roles/{id}", new { permissions = new[] { "roles.manage", "users.manage" } }, manager.AccessToken);

        var body = await AssertProblemAsync(widen, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)body["permission"], Is.EqualTo("users.manage"));
        var role = await JsonAsync(await GetAsync($"/api/v1/roles/{id}", admin.AccessToken));
        Assert.That(role["permissions"]!.AsArray().Select(p => (string?)p), Is.EqualTo(new[] { "roles.manage" }));
        await AssertProblemAsync(await GetAsync("/api/v1/users", manager.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task A_role_manager_cannot_reshape_a_role_held_by_someone_beyond_their_reach()
    {
        var admin = await SignUpAsync();
        var managers = await CreateRoleAsync(admin, "Role managers", permissions: ["roles.manage"]);
        var manager = await InviteAndLoginAsync(admin, (string)managers["id"]!);
        var keyHolders = await CreateRoleAsync(admin, "Key holders", permissions: ["roles.manage", "api_keys.manage"]);
        await InviteAndLoginAsync(admin, (string)keyHolders["id"]!);

        var strip = await PatchAsync($"/api/v1/roles/{(string)keyHolders["id"]!}", new { permissions = new[] { "roles.manage" } }, manager.AccessToken);

        await AssertProblemAsync(strip, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task An_admin_still_grants_anything()
    {
        var admin = await SignUpAsync();

        var role = await CreateRoleAsync(admin, "Key holders", permissions: ["api_keys.manage", "users.manage", "billing.read"]);

        Assert.That(role["permissions"]!.AsArray().Count, Is.EqualTo(3));
    }
}
