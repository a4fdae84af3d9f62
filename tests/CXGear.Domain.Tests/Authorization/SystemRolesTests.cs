using CXGear.Domain.Authorization;

namespace CXGear.Domain.Tests.Authorization;

public sealed class SystemRolesTests
{
    private static Role RoleWith(Guid id) => SystemRoles.All.Single(r => r.Id == id);

    [Test]
    public void There_are_three_system_roles_without_organization()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SystemRoles.All.Select(r => r.Name), Is.EquivalentTo(new[] { "Admin", "Agent", "Supervisor" }));
            Assert.That(SystemRoles.All.Select(r => r.Id), Is.EquivalentTo(new[] { SystemRoles.AdminId, SystemRoles.AgentId, SystemRoles.SupervisorId }));
            Assert.That(SystemRoles.All, Has.All.Property(nameof(Role.IsSystem)).True);
            Assert.That(SystemRoles.All, Has.All.Property(nameof(Role.OrganizationId)).Null);
        }
    }

    [Test]
    public void Admin_holds_the_wildcard()
    {
        Assert.That(RoleWith(SystemRoles.AdminId).Permissions, Is.EqualTo(new[] { Permissions.All }));
    }

    [Test]
    public void Agent_and_supervisor_hold_only_catalog_keys()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(RoleWith(SystemRoles.AgentId).Permissions.Where(p => !Permissions.IsKnown(p)), Is.Empty);
            Assert.That(RoleWith(SystemRoles.SupervisorId).Permissions.Where(p => !Permissions.IsKnown(p)), Is.Empty);
            Assert.That(RoleWith(SystemRoles.AgentId).Permissions, Is.Not.Empty.And.Unique);
            Assert.That(RoleWith(SystemRoles.SupervisorId).Permissions, Is.Unique);
        }
    }

    [Test]
    public void Supervisor_holds_everything_an_agent_holds_and_more()
    {
        var agent = RoleWith(SystemRoles.AgentId).Permissions;
        var supervisor = RoleWith(SystemRoles.SupervisorId).Permissions;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(supervisor, Is.SupersetOf(agent));
            Assert.That(supervisor, Has.Count.GreaterThan(agent.Count));
        }
    }

    [Test]
    public void Agent_cannot_manage_users_roles_or_billing()
    {
        var agent = RoleWith(SystemRoles.AgentId).Permissions;

        Assert.That(agent, Has.None.AnyOf(Permissions.UsersManage, Permissions.RolesManage, Permissions.BillingRead, Permissions.ApiKeysManage));
    }
}
