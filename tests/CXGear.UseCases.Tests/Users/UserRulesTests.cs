using CXGear.Application.Roles.Commands.CreateRole;
using CXGear.Application.Users.Commands.InviteUser;
using CXGear.Application.Users.Commands.UpdateUser;
using CXGear.Application.Users.Common;
using CXGear.Application.Users.Queries.GetUser;
using CXGear.Application.Users.Queries.ListUsers;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Users;

/// <summary>
/// The rules of inviting and editing members: seats, the last active Admin, what a user manager may hand out, role
/// checks. The routes' happy paths, their error mapping and the cross-organization 404 stay in Api.Tests.
/// </summary>
public sealed class UserRulesTests : UseCaseTestBase
{
    private Task<UserDto> InviteAsync(Caller by, params Guid[] roleIds) =>
        SendAsync(new InviteUserCommand("Grace Agent", UniqueEmail("invitee"), Password, roleIds.Length == 0 ? null : roleIds), by);

    private Task<UserDto> UpdateAsync(Caller by, Guid userId, Guid[]? roleIds = null, string? status = null) =>
        SendAsync(new UpdateUserCommand(userId, roleIds, status), by);

    private Task<UserDto> GetUserAsync(TestOrg org, Guid userId) => SendAsync(new GetUserQuery(userId), org.Admin);

    private static Guid[] RoleIdsOf(UserDto user) => user.Roles.Select(r => r.Id).ToArray();

    [Test]
    public async Task Roles_can_be_replaced()
    {
        var org = await OrganizationAsync();
        var user = await InviteAsync(org.Admin);

        var updated = await UpdateAsync(org.Admin, user.Id, roleIds: [SystemRoles.SupervisorId]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RoleIdsOf(updated), Is.EqualTo(new[] { SystemRoles.SupervisorId }));
            Assert.That(updated.Status, Is.EqualTo("active"));
        }

        Assert.That(RoleIdsOf(await GetUserAsync(org, user.Id)), Is.EqualTo(new[] { SystemRoles.SupervisorId }), "saved, not only answered");
    }

    [Test]
    public async Task Disabling_frees_a_seat_and_enabling_takes_it_back()
    {
        var org = await OrganizationAsync();
        var second = await InviteAsync(org.Admin);
        await InviteAsync(org.Admin);
        await RefusedAsync(() => InviteAsync(org.Admin), ErrorCodes.PlanLimit);

        var disabled = await UpdateAsync(org.Admin, second.Id, status: "disabled");
        await InviteAsync(org.Admin);

        var refusal = await RefusedAsync(() => UpdateAsync(org.Admin, second.Id, status: "active"), ErrorCodes.PlanLimit);

        Assert.That(disabled.Status, Is.EqualTo("disabled"));
        Assert.That(refusal.Extensions["meter"], Is.EqualTo("users"));
        Assert.That((await GetUserAsync(org, second.Id)).Status, Is.EqualTo("disabled"), "a full plan changes nothing");
    }

    [Test]
    public async Task Repeating_a_status_changes_no_seat()
    {
        var org = await OrganizationAsync();
        var member = await InviteAsync(org.Admin);
        await UpdateAsync(org.Admin, member.Id, status: "disabled");
        await UpdateAsync(org.Admin, member.Id, status: "disabled");

        // Two disables released one seat: with 1 active of 3, two invites fit and the third does not.
        await InviteAsync(org.Admin);
        await InviteAsync(org.Admin);
        var refusal = await RefusedAsync(() => InviteAsync(org.Admin), ErrorCodes.PlanLimit);

        Assert.That(refusal.Extensions["meter"], Is.EqualTo("users"));
    }

    [Test]
    public async Task The_last_active_admin_cannot_be_disabled_or_lose_the_admin_role()
    {
        var org = await OrganizationAsync();
        var adminId = org.Admin.UserId!.Value;

        await RefusedAsync(() => UpdateAsync(org.Admin, adminId, status: "disabled"), ErrorCodes.Conflict);
        await RefusedAsync(() => UpdateAsync(org.Admin, adminId, roleIds: [SystemRoles.AgentId]), ErrorCodes.Conflict);

        var me = await GetUserAsync(org, adminId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(me.Status, Is.EqualTo("active"));
            Assert.That(RoleIdsOf(me), Is.EqualTo(new[] { SystemRoles.AdminId }));
        }
    }

    [Test]
    public async Task A_disabled_admin_does_not_count_as_the_active_admin()
    {
        var org = await OrganizationAsync();
        var second = await InviteAsync(org.Admin, SystemRoles.AdminId);
        await UpdateAsync(org.Admin, second.Id, status: "disabled");

        var refusal = await RefusedAsync(() => UpdateAsync(org.Admin, org.Admin.UserId!.Value, roleIds: [SystemRoles.AgentId]), ErrorCodes.Conflict);

        Assert.That(refusal.Message, Is.Not.Empty);
    }

    [Test]
    public async Task With_another_active_admin_an_admin_can_step_down()
    {
        var org = await OrganizationAsync();
        await InviteAsync(org.Admin, SystemRoles.AdminId);

        var stepped = await UpdateAsync(org.Admin, org.Admin.UserId!.Value, roleIds: [SystemRoles.AgentId]);

        Assert.That(RoleIdsOf(stepped), Is.EqualTo(new[] { SystemRoles.AgentId }));
        await RefusedAsync(() => SendAsync(new ListUsersQuery(), org.Admin), ErrorCodes.Forbidden);
    }

    [Test]
    public async Task Bad_fields_are_validation_errors()
    {
        var org = await OrganizationAsync();
        var user = await InviteAsync(org.Admin);

        var noRoles = await InvalidAsync(() => UpdateAsync(org.Admin, user.Id, roleIds: []));
        var badStatus = await InvalidAsync(() => UpdateAsync(org.Admin, user.Id, status: "deleted"));
        var unknownRole = await InvalidAsync(() => UpdateAsync(org.Admin, user.Id, roleIds: [Guid.NewGuid()]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(noRoles.Keys, Does.Contain("roleIds"));
            Assert.That(badStatus.Keys, Does.Contain("status"));
            Assert.That(unknownRole.Keys, Does.Contain("roleIds"));
        }
    }

    [Test]
    public async Task A_user_manager_cannot_change_an_admin_or_promote_anyone_to_admin_but_manages_agents()
    {
        var org = await OrganizationAsync();

        // Holds what an Agent holds plus users.manage: agents are within reach, Admins are not.
        var managerRole = await SendAsync(
            new CreateRoleCommand("User manager", SystemRoles.AgentId, ["projects.read", "dialler.agent", "conversations.agent", "analytics.read", "users.manage"]),
            org.Admin);
        var manager = await MemberAsync(org.Id, managerRole.Id);
        var agent = await InviteAsync(org.Admin);

        await RefusedAsync(() => UpdateAsync(manager, org.Admin.UserId!.Value, status: "disabled"), ErrorCodes.Forbidden);
        await RefusedAsync(() => UpdateAsync(manager, agent.Id, roleIds: [SystemRoles.AdminId]), ErrorCodes.Forbidden);
        var disabledAgent = await UpdateAsync(manager, agent.Id, status: "disabled");

        Assert.That(disabledAgent.Status, Is.EqualTo("disabled"));
        Assert.That((await GetUserAsync(org, org.Admin.UserId!.Value)).Status, Is.EqualTo("active"), "the admin is untouched");
    }

    [Test]
    public async Task Invite_takes_several_roles_including_the_organizations_own()
    {
        var org = await OrganizationAsync();
        var custom = await SendAsync(new CreateRoleCommand("Night shift", SystemRoles.AgentId, null), org.Admin);

        var user = await InviteAsync(org.Admin, SystemRoles.SupervisorId, custom.Id);

        Assert.That(RoleIdsOf(user), Is.EquivalentTo(new[] { SystemRoles.SupervisorId, custom.Id }));
    }

    [Test]
    public async Task A_role_of_another_organization_or_an_unknown_role_is_a_validation_error()
    {
        var org = await OrganizationAsync();
        var other = await OrganizationAsync();
        var foreignRole = await SendAsync(new CreateRoleCommand("Theirs", SystemRoles.AgentId, null), other.Admin);

        foreach (var roleId in new[] { foreignRole.Id, Guid.NewGuid() })
        {
            var errors = await InvalidAsync(() => InviteAsync(org.Admin, roleId));

            Assert.That(errors.Keys, Does.Contain("roleIds"));
        }
    }

    [Test]
    public async Task A_user_manager_cannot_hand_out_a_role_granting_more_than_they_hold()
    {
        var org = await OrganizationAsync();
        var managerRole = await RoleAsync(org.Id, "users.manage");
        var manager = await MemberAsync(org.Id, managerRole);

        await RefusedAsync(() => InviteAsync(manager, SystemRoles.AdminId), ErrorCodes.Forbidden);
        var allowed = await InviteAsync(manager, managerRole);

        Assert.That(RoleIdsOf(allowed), Is.EqualTo(new[] { managerRole }));
    }

    [Test]
    public async Task Search_matches_name_or_email_and_status_filters()
    {
        var org = await OrganizationAsync();
        var grace = await MemberAsync(org.Id, "Grace Hopper", UniqueEmail("grace"), SystemRoles.AgentId);
        await MemberAsync(org.Id, "Linus 100%", UniqueEmail("linus"), SystemRoles.AgentId);
        await UpdateAsync(org.Admin, grace.UserId!.Value, status: "disabled");

        var byName = await SendAsync(new ListUsersQuery(Search: "hopp"), org.Admin);
        var byEmail = await SendAsync(new ListUsersQuery(Search: "GRACE."), org.Admin);
        var wildcard = await SendAsync(new ListUsersQuery(Search: "%"), org.Admin);
        var disabled = await SendAsync(new ListUsersQuery(Status: "disabled"), org.Admin);
        var active = await SendAsync(new ListUsersQuery(Status: "active"), org.Admin);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(byName.Items.Select(u => u.FullName), Is.EqualTo(new[] { "Grace Hopper" }));
            Assert.That(byEmail.Items.Select(u => u.FullName), Is.EqualTo(new[] { "Grace Hopper" }));
            Assert.That(wildcard.Items.Select(u => u.FullName), Is.EqualTo(new[] { "Linus 100%" }), "% is matched literally");
            Assert.That(disabled.Items.Select(u => u.Status), Is.EqualTo(new[] { "disabled" }));
            Assert.That(active.Total, Is.EqualTo(2));
        }
    }

    [TestCase(1, 201, null, "pageSize")]
    [TestCase(1, 0, null, "pageSize")]
    [TestCase(0, 50, null, "page")]
    [TestCase(1, 50, "gone", "status")]
    public async Task Bad_query_values_are_validation_errors(int page, int pageSize, string? status, string field)
    {
        var org = await OrganizationAsync();

        var errors = await InvalidAsync(() => SendAsync(new ListUsersQuery(page, pageSize, Status: status), org.Admin));

        Assert.That(errors.Keys, Does.Contain(field));
    }
}
