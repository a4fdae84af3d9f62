using CXGear.Application.Tests.Auth;
using CXGear.Application.Users.Commands.InviteUser;
using CXGear.Application.Users.Commands.UpdateUser;
using CXGear.Application.Users.Queries.ListUsers;
using CXGear.Domain.Authorization;

namespace CXGear.Application.Tests.Users;

public sealed class UserValidatorTests
{
    private static readonly InviteUserCommand Invite = new("Grace Hopper", "grace@example.com", "violet-tangerine-orbit-57", null);

    [Test]
    public void A_complete_invite_passes_with_or_without_roles()
    {
        var validator = new InviteUserValidator();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, Invite), Is.Empty);
            Assert.That(FailedProperties.Of(validator, Invite with { RoleIds = [] }), Is.Empty);
            Assert.That(FailedProperties.Of(validator, Invite with { RoleIds = [SystemRoles.SupervisorId] }), Is.Empty);
        }
    }

    [Test]
    public void An_invite_applies_the_password_policy_and_refuses_empty_role_ids()
    {
        var validator = new InviteUserValidator();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, Invite with { TemporaryPassword = "password" }), Is.EqualTo(new[] { "TemporaryPassword" }));
            Assert.That(FailedProperties.Of(validator, Invite with { Email = "nope" }), Is.EqualTo(new[] { "Email" }));
            Assert.That(FailedProperties.Of(validator, Invite with { RoleIds = [Guid.Empty] }), Is.EqualTo(new[] { "RoleIds[0]" }));
        }
    }

    [Test]
    public void An_update_needs_at_least_one_role_when_roles_are_given_and_a_known_status()
    {
        var validator = new UpdateUserValidator();
        var empty = new UpdateUserCommand(Guid.NewGuid(), null, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, empty), Is.Empty);
            Assert.That(FailedProperties.Of(validator, empty with { Status = "disabled" }), Is.Empty);
            Assert.That(FailedProperties.Of(validator, empty with { RoleIds = [] }), Is.EqualTo(new[] { "RoleIds" }));
            Assert.That(FailedProperties.Of(validator, empty with { Status = "Disabled" }), Is.EqualTo(new[] { "Status" }));
        }
    }

    [Test]
    public void The_list_checks_paging_and_status()
    {
        var validator = new ListUsersValidator();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(validator, new ListUsersQuery()), Is.Empty);
            Assert.That(FailedProperties.Of(validator, new ListUsersQuery(0, 201, null, "gone")), Is.EqualTo(new[] { "Page", "PageSize", "Status" }));
        }
    }
}
