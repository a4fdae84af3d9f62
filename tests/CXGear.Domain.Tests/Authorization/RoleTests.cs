using CXGear.Domain.Authorization;
using CXGear.Domain.Common;

namespace CXGear.Domain.Tests.Authorization;

public sealed class RoleTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid OrganizationId = Guid.NewGuid();

    private static Role System(Guid id) => SystemRoles.All.Single(r => r.Id == id);

    private static Role Custom(string name = "Team lead") => Role.Extend(OrganizationId, System(SystemRoles.AgentId), name, null, Now);

    [Test]
    public void Extend_copies_the_base_roles_keys_into_an_organization_role()
    {
        var role = Role.Extend(OrganizationId, System(SystemRoles.SupervisorId), "  Floor lead ", null, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(role.OrganizationId, Is.EqualTo(OrganizationId));
            Assert.That(role.Name, Is.EqualTo("Floor lead"));
            Assert.That(role.IsSystem, Is.False);
            Assert.That(role.BasedOnRoleId, Is.EqualTo(SystemRoles.SupervisorId));
            Assert.That(role.Permissions, Is.EquivalentTo(System(SystemRoles.SupervisorId).Permissions));
            Assert.That(role.Id.Version, Is.EqualTo(7));
        }
    }

    [Test]
    public void Extending_admin_spells_out_the_catalog_instead_of_the_wildcard()
    {
        var role = Role.Extend(OrganizationId, System(SystemRoles.AdminId), "Almost admin", null, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(role.Permissions, Is.EquivalentTo(Permissions.Catalog));
            Assert.That(role.GrantsEverything, Is.False);
        }
    }

    [Test]
    public void Extend_takes_given_keys_once_and_sorted()
    {
        var role = Role.Extend(OrganizationId, System(SystemRoles.AgentId), "Billing", [Permissions.UsersManage, Permissions.BillingRead, Permissions.UsersManage], Now);

        Assert.That(role.Permissions, Is.EqualTo(new[] { Permissions.BillingRead, Permissions.UsersManage }));
    }

    [Test]
    public void Extend_refuses_a_custom_base()
    {
        var error = Assert.Throws<CXGearException>(() => Role.Extend(OrganizationId, Custom(), "Copy", null, Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [TestCase(Permissions.All)]
    [TestCase("projects.delete")]
    public void Extend_refuses_the_wildcard_and_unknown_keys(string key)
    {
        var error = Assert.Throws<CXGearException>(() => Role.Extend(OrganizationId, System(SystemRoles.AgentId), "Bad", [key], Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Extend_refuses_a_blank_name(string name)
    {
        var error = Assert.Throws<CXGearException>(() => Role.Extend(OrganizationId, System(SystemRoles.AgentId), name, null, Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void Extend_refuses_a_name_over_the_limit()
    {
        var error = Assert.Throws<CXGearException>(
            () => Role.Extend(OrganizationId, System(SystemRoles.AgentId), new string('r', Role.MaxNameLength + 1), null, Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void A_custom_role_can_be_renamed_and_given_new_keys()
    {
        var role = Custom();

        role.Rename(" Night shift ");
        role.ReplacePermissions([Permissions.ProjectsRead]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(role.Name, Is.EqualTo("Night shift"));
            Assert.That(role.Permissions, Is.EqualTo(new[] { Permissions.ProjectsRead }));
        }
    }

    [Test]
    public void Replacing_keys_refuses_the_wildcard_and_keeps_the_old_keys()
    {
        var role = Custom();
        var before = role.Permissions.ToList();

        var error = Assert.Throws<CXGearException>(() => role.ReplacePermissions([Permissions.All]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
            Assert.That(role.Permissions, Is.EqualTo(before));
        }
    }

    [Test]
    public void System_roles_cannot_be_renamed_or_edited()
    {
        var admin = System(SystemRoles.AdminId);

        var rename = Assert.Throws<CXGearException>(() => admin.Rename("Owner"));
        var edit = Assert.Throws<CXGearException>(() => admin.ReplacePermissions([Permissions.ProjectsRead]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rename.Code, Is.EqualTo(ErrorCodes.Conflict));
            Assert.That(edit.Code, Is.EqualTo(ErrorCodes.Conflict));
            Assert.That(admin.Name, Is.EqualTo("Admin"));
            Assert.That(admin.Permissions, Is.EqualTo(new[] { Permissions.All }));
        }
    }

    [Test]
    public void EnsureEditable_passes_for_a_custom_role()
    {
        Assert.DoesNotThrow(() => Custom().EnsureEditable());
    }
}
