using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;

namespace CXGear.Api.Tests.Users;

/// <summary>
/// The story end to end through the routes alone: an Admin runs a team, and every step is held to
/// the permission keys the caller's roles grant at that moment.
/// </summary>
public sealed class TeamWalkthroughTests : ApiTestBase
{
    [Test]
    public async Task Admin_invites_an_agent_grants_a_custom_role_then_disables_them()
    {
        var admin = await SignUpAsync();
        var agentEmail = UniqueEmail("agent");

        // 1. The Admin invites an Agent, who can sign in at once with the temporary password.
        var invited = await PostAsync("/api/v1/users", new
        {
            fullName = "Alan Agent",
            email = agentEmail,
            temporaryPassword = Password,
            roleIds = new[] { SystemRoles.AgentId },
        }, admin.AccessToken);
        Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.Created), await invited.Content.ReadAsStringAsync());
        var agentId = (string)(await JsonAsync(invited))["id"]!;
        var agent = await LoginAsync(agentEmail);

        // 2. The Agent cannot manage users nor write projects.
        var refused = await PostAsync("/api/v1/users", new { fullName = "X", email = UniqueEmail(), temporaryPassword = Password }, agent.AccessToken);
        var problem = await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)problem["message"], Does.Contain(Permissions.UsersManage));
        await AssertProblemAsync(await PostAsync("/api/v1/projects", new { name = "Q4", type = "outreach" }, agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        // 3. A custom role extending Agent with projects.write, given to the Agent.
        var role = await PostAsync("/api/v1/roles", new
        {
            name = "Agent + projects",
            basedOnRoleId = SystemRoles.AgentId,
            permissions = new[] { Permissions.ProjectsRead, Permissions.ProjectsWrite },
        }, admin.AccessToken);
        Assert.That(role.StatusCode, Is.EqualTo(HttpStatusCode.Created), await role.Content.ReadAsStringAsync());
        var roleId = (string)(await JsonAsync(role))["id"]!;
        var assigned = await SendAsync(HttpMethod.Patch, $"/api/v1/users/{agentId}", new { roleIds = new[] { roleId } }, admin.AccessToken);
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assigned.Content.ReadAsStringAsync());

        // 4. The same session now creates a project: permissions are read per request, not frozen in the token.
        var created = await PostAsync("/api/v1/projects", new { name = "Q4 outreach", type = "outreach" }, agent.AccessToken);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        await AssertProblemAsync(await GetAsync("/api/v1/users", agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        // 5. The Admin disables the Agent: their very next request is refused and the seat is free again.
        var seatsBefore = await UsedAsync(admin, "users");
        var disabled = await SendAsync(HttpMethod.Patch, $"/api/v1/users/{agentId}", new { status = "disabled" }, admin.AccessToken);
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disabled.Content.ReadAsStringAsync());

        await AssertProblemAsync(await GetAsync("/api/v1/me", agent.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        Assert.That(await UsedAsync(admin, "users"), Is.EqualTo(seatsBefore - 1));
        await AssertProblemAsync(await LoginRawAsync(agentEmail), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    private async Task<int> UsedAsync(Signed admin, string meter)
    {
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", admin.AccessToken));
        var entry = billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == meter)!;
        return (int)entry["used"]!;
    }
}
