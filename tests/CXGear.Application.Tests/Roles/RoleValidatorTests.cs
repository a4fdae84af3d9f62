using CXGear.Application.Roles.Commands.CreateRole;
using CXGear.Application.Roles.Commands.UpdateRole;
using CXGear.Application.Tests.Auth;
using CXGear.Domain.Authorization;

namespace CXGear.Application.Tests.Roles;

public sealed class RoleValidatorTests
{
    private static readonly CreateRoleCommand Create = new("Night shift", SystemRoles.AgentId, null);

    [Test]
    public void A_role_with_a_name_and_a_base_passes()
    {
        var validator = new CreateRoleValidator();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, Create), Is.Empty);
            Assert.That(FailedProperties.Of(validator, Create with { Permissions = [Permissions.UsersManage] }), Is.Empty);
            Assert.That(FailedProperties.Of(validator, Create with { Permissions = [] }), Is.Empty);
        }
    }

    [Test]
    public void Keys_must_be_grantable_catalog_keys()
    {
        var validator = new CreateRoleValidator();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, Create with { Permissions = [Permissions.ProjectsRead, Permissions.All] }), Is.EqualTo(new[] { "Permissions[1]" }));
            Assert.That(FailedProperties.Of(validator, Create with { Permissions = ["projects.delete"] }), Is.EqualTo(new[] { "Permissions[0]" }));
        }
    }

    [Test]
    public void Name_and_base_are_required_and_names_are_bounded()
    {
        var validator = new CreateRoleValidator();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, Create with { Name = " ", BasedOnRoleId = Guid.Empty }), Is.EqualTo(new[] { "Name", "BasedOnRoleId" }));
            Assert.That(FailedProperties.Of(validator, Create with { Name = new string('r', Role.MaxNameLength + 1) }), Is.EqualTo(new[] { "Name" }));
        }
    }

    [Test]
    public void An_update_checks_only_what_it_changes()
    {
        var validator = new UpdateRoleValidator();
        var empty = new UpdateRoleCommand(Guid.NewGuid(), null, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, empty), Is.Empty);
            Assert.That(FailedProperties.Of(validator, empty with { Name = "" }), Is.EqualTo(new[] { "Name" }));
            Assert.That(FailedProperties.Of(validator, empty with { Permissions = [Permissions.All] }), Is.EqualTo(new[] { "Permissions[0]" }));
        }
    }
}
