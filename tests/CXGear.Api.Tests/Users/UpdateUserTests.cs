using System.Net;

namespace CXGear.Api.Tests.Users;

public sealed class UpdateUserTests : MembersTestBase
{

    [Test]
    public async Task Roles_can_be_replaced()
    {
        var admin = await SignUpAsync();
        var user = await InviteAsync(admin);

        var response = await PatchAsync($"/api/v1/users/{(string)user["id"]!}", new { roleIds = new[] { SupervisorRoleId } }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RoleIdsOf(body), Is.EqualTo(new[] { SupervisorRoleId }));
            Assert.That((string?)body["status"], Is.EqualTo("active"));
        }

        Assert.That(RoleIdsOf(await GetUserAsync(admin, (string)user["id"]!)), Is.EqualTo(new[] { SupervisorRoleId }), "saved, not only answered");
    }

    [Test]
    public async Task New_roles_take_effect_on_the_users_next_request()
    {
        var admin = await SignUpAsync();
        var member = await InviteAndLoginAsync(admin);
        await AssertProblemAsync(await GetAsync("/api/v1/users", member.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        var patch = await PatchAsync($"/api/v1/users/{member.UserId}", new { roleIds = new[] { AdminRoleId } }, admin.AccessToken);
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patch.Content.ReadAsStringAsync());

        Assert.That(RoleIdsOf(await GetUserAsync(admin, member.UserId)), Is.EqualTo(new[] { AdminRoleId }));
        Assert.That((await GetAsync("/api/v1/users", member.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Disabling_ends_the_users_session_and_keeps_them_out()
    {
        var admin = await SignUpAsync();
        var member = await InviteAndLoginAsync(admin);

        var response = await PatchAsync($"/api/v1/users/{member.UserId}", new { status = "disabled" }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)body["status"], Is.EqualTo("disabled"));
            Assert.That((bool?)body["online"], Is.False);
            Assert.That(RoleIdsOf(body), Is.EqualTo(new[] { AgentRoleId }), "a disabled user keeps their roles");
        }

        await AssertProblemAsync(await GetAsync("/api/v1/me", member.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = member.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await LoginRawAsync(member.Email), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task Disabling_frees_a_seat_and_enabling_takes_it_back()
    {
        var admin = await SignUpAsync();
        var second = await InviteAsync(admin);
        await InviteAsync(admin);
        await AssertProblemAsync(await InviteRawAsync(admin), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        var disabled = await PatchAsync($"/api/v1/users/{(string)second["id"]!}", new { status = "disabled" }, admin.AccessToken);
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await InviteAsync(admin);

        var enable = await PatchAsync($"/api/v1/users/{(string)second["id"]!}", new { status = "active" }, admin.AccessToken);

        var body = await AssertProblemAsync(enable, HttpStatusCode.Forbidden, "PLAN_LIMIT");
        Assert.That((string?)body["meter"], Is.EqualTo("users"));
        var after = await GetUserAsync(admin, (string)second["id"]!);
        Assert.That((string?)after["status"], Is.EqualTo("disabled"), "a full plan changes nothing");
    }

    [Test]
    public async Task An_enabled_user_can_sign_in_again()
    {
        var admin = await SignUpAsync();
        var member = await InviteAndLoginAsync(admin);
        await PatchAsync($"/api/v1/users/{member.UserId}", new { status = "disabled" }, admin.AccessToken);

        var response = await PatchAsync($"/api/v1/users/{member.UserId}", new { status = "active" }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((string?)(await JsonAsync(response))["status"], Is.EqualTo("active"));
        await LoginAsync(member.Email, deviceLabel: "Member laptop", ip: "192.0.2.44");
    }

    [Test]
    public async Task Repeating_a_status_changes_no_seat()
    {
        var admin = await SignUpAsync();
        var member = await InviteAsync(admin);
        var id = (string)member["id"]!;
        await PatchAsync($"/api/v1/users/{id}", new { status = "disabled" }, admin.AccessToken);
        await PatchAsync($"/api/v1/users/{id}", new { status = "disabled" }, admin.AccessToken);

        // Two disables released one seat: with 1 active of 3, two invites fit and the third does not.
        await InviteAsync(admin);
        await InviteAsync(admin);
        await AssertProblemAsync(await InviteRawAsync(admin), HttpStatusCode.Forbidden, "PLAN_LIMIT");
    }

    [Test]
    public async Task The_last_active_admin_cannot_be_disabled_or_lose_the_admin_role()
    {
        var admin = await SignUpAsync();

        var disable = await PatchAsync($"/api/v1/users/{admin.UserId}", new { status = "disabled" }, admin.AccessToken);
        var demote = await PatchAsync($"/api/v1/users/{admin.UserId}", new { roleIds = new[] { AgentRoleId } }, admin.AccessToken);

        await AssertProblemAsync(disable, HttpStatusCode.Conflict, "CONFLICT");
        await AssertProblemAsync(demote, HttpStatusCode.Conflict, "CONFLICT");
        var me = await GetUserAsync(admin, admin.UserId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)me["status"], Is.EqualTo("active"));
            Assert.That(RoleIdsOf(me), Is.EqualTo(new[] { AdminRoleId }));
        }
    }

    [Test]
    public async Task A_disabled_admin_does_not_count_as_the_active_admin()
    {
        var admin = await SignUpAsync();
        var second = await InviteAsync(admin, roleIds: [AdminRoleId]);
        await PatchAsync($"/api/v1/users/{(string)second["id"]!}", new { status = "disabled" }, admin.AccessToken);

        var demote = await PatchAsync($"/api/v1/users/{admin.UserId}", new { roleIds = new[] { AgentRoleId } }, admin.AccessToken);

        await AssertProblemAsync(demote, HttpStatusCode.Conflict, "CONFLICT");
    }

    [Test]
    public async Task With_another_active_admin_an_admin_can_step_down()
    {
        var admin = await SignUpAsync();
        await InviteAsync(admin, roleIds: [AdminRoleId]);

        var response = await PatchAsync($"/api/v1/users/{admin.UserId}", new { roleIds = new[] { AgentRoleId } }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(RoleIdsOf(await JsonAsync(response)), Is.EqualTo(new[] { AgentRoleId }));
        await AssertProblemAsync(await GetAsync("/api/v1/users", admin.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task Bad_fields_are_validation_errors()
    {
        var admin = await SignUpAsync();
        var user = await InviteAsync(admin);
        var url = $"/api/v1/users/{(string)user["id"]!}";

        var noRoles = await AssertProblemAsync(await PatchAsync(url, new { roleIds = Array.Empty<string>() }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var badStatus = await AssertProblemAsync(await PatchAsync(url, new { status = "deleted" }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var unknownRole = await AssertProblemAsync(await PatchAsync(url, new { roleIds = new[] { Guid.NewGuid() } }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(noRoles["errors"]!["roleIds"], Is.Not.Null);
            Assert.That(badStatus["errors"]!["status"], Is.Not.Null);
            Assert.That(unknownRole["errors"]!["roleIds"], Is.Not.Null);
        }
    }

    [Test]
    public async Task Another_organizations_user_is_not_found()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();

        var response = await PatchAsync($"/api/v1/users/{other.UserId}", new { status = "disabled" }, admin.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That((await GetAsync("/api/v1/me", other.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other organization's user is untouched");
    }

    [Test]
    public async Task Editing_needs_a_token_and_the_users_manage_permission()
    {
        var admin = await SignUpAsync();
        var agent = await InviteAndLoginAsync(admin);

        await AssertProblemAsync(await PatchAsync($"/api/v1/users/{agent.UserId}", new { status = "disabled" }, token: null), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await PatchAsync($"/api/v1/users/{admin.UserId}", new { status = "disabled" }, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task A_user_manager_cannot_change_an_admin_or_promote_anyone_to_admin_but_manages_agents()
    {
        var admin = await SignUpAsync();
        // Holds what an Agent holds plus users.manage: agents are within reach, Admins are not.
        var managerRole = await CreateRoleAsync(admin, "User manager", permissions: ["projects.read", "dialler.agent", "conversations.agent", "analytics.read", "users.manage"]);
        var manager = await InviteAndLoginAsync(admin, (string)managerRole["id"]!);
        var agent = await InviteAsync(admin);

        var disableAdmin = await PatchAsync($"/api/v1/users/{admin.UserId}", new { status = "disabled" }, manager.AccessToken);
        var promote = await PatchAsync($"/api/v1/users/{(string)agent["id"]!}", new { roleIds = new[] { AdminRoleId } }, manager.AccessToken);
        var disableAgent = await PatchAsync($"/api/v1/users/{(string)agent["id"]!}", new { status = "disabled" }, manager.AccessToken);

        await AssertProblemAsync(disableAdmin, HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(promote, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That(disableAgent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disableAgent.Content.ReadAsStringAsync());
        Assert.That((await GetAsync("/api/v1/me", admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the admin is untouched");
    }
}
