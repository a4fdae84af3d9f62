using CXGear.Application.Roles.Commands.CreateRole;
using CXGear.Application.Roles.Commands.DeleteRole;
using CXGear.Application.Roles.Commands.UpdateRole;
using CXGear.Application.Roles.Common;
using CXGear.Application.Roles.Queries.GetRole;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Roles;

/// <summary>
/// What custom roles may be: keys, names, bases, system roles. The routes' happy paths, their error mapping and the
/// cross-organization 404 stay in Api.Tests (ManageRolesTests).
/// </summary>
public sealed class RoleRulesTests : UseCaseTestBase
{
    private Task<RoleDto> CreateRoleAsync(TestOrg org, string name, Guid? basedOn = null, string[]? permissions = null) =>
        SendAsync(new CreateRoleCommand(name, basedOn ?? SystemRoles.AgentId, permissions), org.Admin);

    [Test]
    public async Task Create_takes_the_given_keys_and_admin_is_spelled_out_without_the_wildcard()
    {
        var org = await OrganizationAsync();

        var billing = await CreateRoleAsync(org, "Billing", SystemRoles.AgentId, ["billing.read", "projects.read"]);
        var almost = await CreateRoleAsync(org, "Almost admin", SystemRoles.AdminId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(billing.Permissions, Is.EqualTo(new[] { "billing.read", "projects.read" }));
            Assert.That(almost.Permissions, Has.Count.EqualTo(22));
            Assert.That(almost.Permissions, Does.Not.Contain("*"));
        }
    }

    [TestCase("*", "permissions[0]")]
    [TestCase("projects.delete", "permissions[0]")]
    public async Task Create_refuses_the_wildcard_and_unknown_keys(string key, string field)
    {
        var org = await OrganizationAsync();

        var errors = await InvalidAsync(() => CreateRoleAsync(org, "Bad", SystemRoles.AgentId, [key]));

        Assert.That(errors.Keys, Does.Contain(field));
    }

    [Test]
    public async Task A_custom_role_cannot_be_a_base_and_an_unknown_base_is_not_found()
    {
        var org = await OrganizationAsync();
        var custom = await CreateRoleAsync(org, "Custom");

        var fromCustom = await InvalidAsync(() => CreateRoleAsync(org, "Copy", custom.Id));
        await RefusedAsync(() => CreateRoleAsync(org, "Copy", Guid.NewGuid()), ErrorCodes.NotFound);

        Assert.That(fromCustom.Keys, Does.Contain("basedOnRoleId"));
    }

    [TestCase("Admin")]
    [TestCase("supervisor")]
    [TestCase("NIGHT SHIFT")]
    public async Task A_name_already_used_by_a_system_or_own_role_is_a_conflict(string name)
    {
        var org = await OrganizationAsync();
        await CreateRoleAsync(org, "Night shift");

        var refusal = await RefusedAsync(() => CreateRoleAsync(org, name), ErrorCodes.Conflict);

        Assert.That(refusal.Message, Is.Not.Empty);
    }

    [Test]
    public async Task Another_organization_may_use_the_same_name()
    {
        var org = await OrganizationAsync();
        var other = await OrganizationAsync();
        await CreateRoleAsync(other, "Night shift");

        var role = await CreateRoleAsync(org, "Night shift");

        Assert.That(role.Name, Is.EqualTo("Night shift"));
    }

    [Test]
    public async Task Update_with_only_a_name_keeps_the_keys()
    {
        var org = await OrganizationAsync();
        var role = await CreateRoleAsync(org, "Helpers", permissions: ["vault.read"]);

        var updated = await SendAsync(new UpdateRoleCommand(role.Id, "Vault readers", null), org.Admin);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(updated.Name, Is.EqualTo("Vault readers"));
            Assert.That(updated.Permissions, Is.EqualTo(new[] { "vault.read" }));
        }
    }

    [Test]
    public async Task System_roles_are_read_only()
    {
        var org = await OrganizationAsync();

        await RefusedAsync(() => SendAsync(new UpdateRoleCommand(SystemRoles.AgentId, "Rep", null), org.Admin), ErrorCodes.Conflict);
        await RefusedAsync(() => SendAsync(new DeleteRoleCommand(SystemRoles.AdminId), org.Admin), ErrorCodes.Conflict);
        var agent = await SendAsync(new GetRoleQuery(SystemRoles.AgentId), org.Admin);

        Assert.That(agent.Name, Is.EqualTo("Agent"));
    }

    [Test]
    public async Task Update_refuses_a_taken_name_and_bad_keys()
    {
        var org = await OrganizationAsync();
        await CreateRoleAsync(org, "First");
        var second = await CreateRoleAsync(org, "Second");

        await RefusedAsync(() => SendAsync(new UpdateRoleCommand(second.Id, "first", null), org.Admin), ErrorCodes.Conflict);
        var bad = await InvalidAsync(() => SendAsync(new UpdateRoleCommand(second.Id, null, ["users.manage", "*"]), org.Admin));
        var blank = await InvalidAsync(() => SendAsync(new UpdateRoleCommand(second.Id, string.Empty, null), org.Admin));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bad.Keys, Does.Contain("permissions[1]"));
            Assert.That(blank.Keys, Does.Contain("name"));
        }
    }

    [Test]
    public async Task Renaming_a_role_to_its_own_name_in_another_case_is_allowed()
    {
        var org = await OrganizationAsync();
        var role = await CreateRoleAsync(org, "night shift");

        var renamed = await SendAsync(new UpdateRoleCommand(role.Id, "Night Shift", null), org.Admin);

        Assert.That(renamed.Name, Is.EqualTo("Night Shift"));
    }
}
