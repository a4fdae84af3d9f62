using System.Net;

namespace CXGear.Api.Tests.Users;

public sealed class UpdateUserTests : MembersTestBase
{
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
}
