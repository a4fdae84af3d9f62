using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Users;

namespace CXGear.Domain.Tests.Users;

public sealed class UserRolesTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    private static User Agent() => User.Create(Guid.NewGuid(), "Grace", "grace@example.com", [SystemRoles.AgentId], Now);

    [Test]
    public void ReplaceRoles_keeps_exactly_the_wanted_roles_once()
    {
        var user = Agent();
        var custom = Guid.NewGuid();

        user.ReplaceRoles([SystemRoles.SupervisorId, custom, custom]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.Roles.Select(r => r.RoleId), Is.EquivalentTo(new[] { SystemRoles.SupervisorId, custom }));
            Assert.That(user.HasRole(SystemRoles.AgentId), Is.False);
            Assert.That(user.HasRole(custom), Is.True);
            Assert.That(user.Roles.Select(r => r.UserId), Is.All.EqualTo(user.Id));
        }
    }

    [Test]
    public void ReplaceRoles_keeps_a_role_already_held()
    {
        var user = Agent();
        var held = user.Roles.Single();

        user.ReplaceRoles([SystemRoles.AgentId, SystemRoles.AdminId]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.Roles, Does.Contain(held), "an unchanged assignment is not re-created");
            Assert.That(user.HasRole(SystemRoles.AdminId), Is.True);
        }
    }

    [Test]
    public void ReplaceRoles_refuses_no_role_and_changes_nothing()
    {
        var user = Agent();

        var error = Assert.Throws<CXGearException>(() => user.ReplaceRoles([]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
            Assert.That(user.Roles.Select(r => r.RoleId), Is.EqualTo(new[] { SystemRoles.AgentId }));
        }
    }

    [Test]
    public void Disable_reports_a_change_once()
    {
        var user = Agent();

        var first = user.Disable();
        var second = user.Disable();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(user.Status, Is.EqualTo(UserStatus.Disabled));
            Assert.That(user.IsActive, Is.False);
        }
    }

    [Test]
    public void Enable_reports_a_change_only_for_a_disabled_user()
    {
        var user = Agent();
        var whileActive = user.Enable();
        user.Disable();

        var afterDisable = user.Enable();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileActive, Is.False);
            Assert.That(afterDisable, Is.True);
            Assert.That(user.IsActive, Is.True);
        }
    }

    [Test]
    public void Disabling_keeps_the_roles()
    {
        var user = Agent();

        user.Disable();

        Assert.That(user.HasRole(SystemRoles.AgentId), Is.True);
    }
}
