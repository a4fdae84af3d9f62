using CXGear.Domain.Authorization;

namespace CXGear.Domain.Tests.Authorization;

public sealed class PermissionsTests
{
    [Test]
    public void The_wildcard_grants_any_key()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Permissions.Grants([Permissions.All], Permissions.BillingRead), Is.True);
            Assert.That(Permissions.Grants([Permissions.All], "anything.else"), Is.True);
        }
    }

    [Test]
    public void An_exact_key_grants_only_itself()
    {
        string[] granted = [Permissions.ProjectsRead, Permissions.AnalyticsRead];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Permissions.Grants(granted, Permissions.ProjectsRead), Is.True);
            Assert.That(Permissions.Grants(granted, Permissions.AnalyticsRead), Is.True);
            Assert.That(Permissions.Grants(granted, Permissions.ProjectsWrite), Is.False);
            Assert.That(Permissions.Grants(granted, "PROJECTS.READ"), Is.False);
        }
    }

    [Test]
    public void Nothing_granted_grants_nothing()
    {
        Assert.That(Permissions.Grants([], Permissions.ProjectsRead), Is.False);
    }

    [Test]
    public void The_catalog_holds_22_distinct_known_keys()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Permissions.Catalog, Has.Count.EqualTo(22));
            Assert.That(Permissions.Catalog, Is.Unique);
            Assert.That(Permissions.Catalog.Where(k => !Permissions.IsKnown(k)), Is.Empty);
            Assert.That(Permissions.Catalog, Has.None.EqualTo(Permissions.All));
        }
    }

    [Test]
    public void Keys_outside_the_catalog_are_unknown()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Permissions.IsKnown(Permissions.All), Is.False);
            Assert.That(Permissions.IsKnown("projects.delete"), Is.False);
            Assert.That(Permissions.IsKnown("Projects.Read"), Is.False);
        }
    }
}
