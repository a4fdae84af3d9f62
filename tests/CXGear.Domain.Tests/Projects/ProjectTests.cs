using CXGear.Domain.Common;
using CXGear.Domain.Projects;

namespace CXGear.Domain.Tests.Projects;

public sealed class ProjectTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_project_is_created_with_a_trimmed_name_and_a_time_ordered_id()
    {
        var project = Project.Create(Guid.NewGuid(), "  Spring  ", ProjectType.CallAnalyzer, Guid.NewGuid(), Now);

        Assert.That(project.Name, Is.EqualTo("Spring"));
        Assert.That(project.Type, Is.EqualTo(ProjectType.CallAnalyzer));
        Assert.That(project.Id.Version, Is.EqualTo(7));
        Assert.That(project.UpdatedAt, Is.EqualTo(Now));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void A_blank_name_is_refused(string name)
    {
        var error = Assert.Throws<CXGearException>(() => Project.Create(Guid.NewGuid(), name, ProjectType.Outreach, Guid.NewGuid(), Now));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void Renaming_moves_the_update_time()
    {
        var project = Project.Create(Guid.NewGuid(), "Spring", ProjectType.Outreach, Guid.NewGuid(), Now);

        project.Rename("Summer", Now.AddHours(1));

        Assert.That((project.Name, project.UpdatedAt, project.CreatedAt), Is.EqualTo(("Summer", Now.AddHours(1), Now)));
        Assert.Throws<CXGearException>(() => project.Rename(new string('x', Project.MaxNameLength + 1), Now));
    }
}
