using CXGear.Domain.Common;
using CXGear.Domain.Organizations;

namespace CXGear.Domain.Tests.Organizations;

public sealed class OrganizationTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    [Test]
    public void SignUp_trims_the_name_and_starts_on_trial()
    {
        var organization = Organization.SignUp("  Acme Contact Centre  ", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(organization.Name, Is.EqualTo("Acme Contact Centre"));
            Assert.That(organization.Plan, Is.EqualTo(PlanId.Trial));
            Assert.That(organization.CreatedAt, Is.EqualTo(Now));
        }
    }

    [Test]
    public void SignUp_gives_a_version_7_id()
    {
        var organization = Organization.SignUp("Acme", Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(organization.Id.Version, Is.EqualTo(7));
            Assert.That(organization.Id, Is.Not.EqualTo(Organization.SignUp("Acme", Now).Id));
        }
    }

    [Test]
    public void Ids_sort_by_creation_time()
    {
        var first = Organization.SignUp("A", Now);
        var second = Organization.SignUp("B", Now.AddSeconds(1));

        Assert.That(string.CompareOrdinal(first.Id.ToString(), second.Id.ToString()), Is.Negative);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void SignUp_rejects_a_blank_name(string? name)
    {
        var error = Assert.Throws<CXGearException>(() => Organization.SignUp(name!, Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void SignUp_rejects_a_name_over_the_limit()
    {
        var error = Assert.Throws<CXGearException>(() => Organization.SignUp(new string('a', Organization.MaxNameLength + 1), Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void SignUp_accepts_a_name_at_the_limit_after_trimming()
    {
        var name = new string('a', Organization.MaxNameLength);

        Assert.That(Organization.SignUp($"  {name}  ", Now).Name, Is.EqualTo(name));
    }

    [Test]
    public void ChangePlan_sets_the_plan()
    {
        var organization = Organization.SignUp("Acme", Now);

        organization.ChangePlan(PlanId.Pro);

        Assert.That(organization.Plan, Is.EqualTo(PlanId.Pro));
    }
}
