using CXGear.Domain.Common;
using CXGear.Domain.Users;

namespace CXGear.Domain.Tests.Users;

public sealed class UserTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid OrganizationId = Guid.NewGuid();

    [Test]
    public void Create_sets_an_active_user_with_trimmed_fields()
    {
        var user = User.Create(OrganizationId, "  Ada Lovelace ", " ada@example.com ", [Guid.NewGuid()], Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.OrganizationId, Is.EqualTo(OrganizationId));
            Assert.That(user.FullName, Is.EqualTo("Ada Lovelace"));
            Assert.That(user.Email, Is.EqualTo("ada@example.com"));
            Assert.That(user.Status, Is.EqualTo(UserStatus.Active));
            Assert.That(user.IsActive, Is.True);
            Assert.That(user.CreatedAt, Is.EqualTo(Now));
            Assert.That(user.LastLoginAt, Is.Null);
            Assert.That(user.Id.Version, Is.EqualTo(7));
        }
    }

    [Test]
    public void Create_keeps_each_role_once()
    {
        var admin = Guid.NewGuid();
        var agent = Guid.NewGuid();

        var user = User.Create(OrganizationId, "Ada", "ada@example.com", [admin, agent, admin], Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(user.Roles.Select(r => r.RoleId), Is.EquivalentTo(new[] { admin, agent }));
            Assert.That(user.Roles.Select(r => r.UserId), Is.All.EqualTo(user.Id));
        }
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase(null)]
    public void Create_rejects_a_blank_name(string? name)
    {
        var error = Assert.Throws<CXGearException>(() => User.Create(OrganizationId, name!, "ada@example.com", [], Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void Create_rejects_a_name_over_the_limit()
    {
        var error = Assert.Throws<CXGearException>(
            () => User.Create(OrganizationId, new string('n', User.MaxFullNameLength + 1), "ada@example.com", [], Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void RecordLogin_sets_the_last_login()
    {
        var user = User.Create(OrganizationId, "Ada", "ada@example.com", [], Now);

        user.RecordLogin(Now.AddMinutes(3));

        Assert.That(user.LastLoginAt, Is.EqualTo(Now.AddMinutes(3)));
    }
}
