using CXGear.Domain.Common;
using CXGear.Domain.Spinners;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

public sealed class SpinnerTests
{
    private static readonly DateTime Now = new(2026, 3, 3, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid ProjectId = Guid.NewGuid();

    private static SpinnerDefinition Log(string message = "Hi {{name}}") =>
        Definitions.Valid(Definitions.Steps($"{{'id':'s1','type':'log','message':'{message}'}}"));

    private static Spinner MainSpinner(string name = "  Outreach ") =>
        Spinner.Create(Org, ProjectId, Guid.NewGuid(), name, Log(), parent: null, startWhen: null, Guid.NewGuid(), Now);

    private static CXGearException Throws(Action action) => Assert.Throws<CXGearException>(() => action())!;

    private static string[] ErrorPaths(CXGearException error) =>
        ((IDictionary<string, string[]>)error.Extensions["errors"]!).Keys.ToArray();

    [Test]
    public void Create_makes_a_main_draft_with_a_canonical_definition()
    {
        var spinner = MainSpinner();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(spinner.Name, Is.EqualTo("Outreach"));
            Assert.That(spinner.IsPublished, Is.False);
            Assert.That(spinner.CurrentVersion, Is.Zero);
            Assert.That(spinner.IsSupporting, Is.False);
            Assert.That(spinner.StartWhen, Is.Null);
            Assert.That(spinner.DraftDefinition, Is.EqualTo(Log().ToJson()));
            Assert.That(spinner.Id.Version, Is.EqualTo(7));
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    public void A_blank_name_is_a_validation_error_at_name(string name)
    {
        var error = Throws(() => MainSpinner(name));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(ErrorPaths(error), Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void A_name_over_200_characters_is_refused()
    {
        Assert.That(MainSpinner(new string('x', 200)).Name, Has.Length.EqualTo(200));
        Assert.That(ErrorPaths(Throws(() => MainSpinner(new string('x', 201)))), Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void A_supporting_spinner_needs_a_start_condition_and_a_main_parent_of_the_same_project()
    {
        var parent = MainSpinner();
        var when = new StartCondition(" disposition ", "Retry");

        var child = Spinner.Create(Org, ProjectId, Guid.NewGuid(), "Retry", Log(), parent, when, Guid.NewGuid(), Now);

        Assert.That((child.IsSupporting, child.ParentSpinnerId, child.StartWhen!.Field, child.StartWhen.EqualsText),
            Is.EqualTo((true, (Guid?)parent.Id, "disposition", "Retry")));
        Assert.That(ErrorPaths(Throws(() => Spinner.Create(Org, ProjectId, Guid.NewGuid(), "x", Log(), parent, null, Guid.NewGuid(), Now))),
            Is.EqualTo(new[] { "startWhen" }));
        Assert.That(ErrorPaths(Throws(() => Spinner.Create(Org, ProjectId, Guid.NewGuid(), "x", Log(), null, when, Guid.NewGuid(), Now))),
            Is.EqualTo(new[] { "startWhen" }));
        Assert.That(ErrorPaths(Throws(() => Spinner.Create(Org, Guid.NewGuid(), Guid.NewGuid(), "x", Log(), parent, when, Guid.NewGuid(), Now))),
            Is.EqualTo(new[] { "parentSpinnerId" }), "another project's parent");
        Assert.That(ErrorPaths(Throws(() => Spinner.Create(Org, ProjectId, Guid.NewGuid(), "x", Log(), child, when, Guid.NewGuid(), Now))),
            Is.EqualTo(new[] { "parentSpinnerId" }), "no chains of supporting spinners");
    }

    [Test]
    public void A_start_condition_needs_a_field_and_an_equals()
    {
        Assert.That(ErrorPaths(Throws(() => _ = new StartCondition(" ", "Retry"))), Is.EqualTo(new[] { "startWhen.field" }));
        Assert.That(ErrorPaths(Throws(() => _ = new StartCondition("disposition", null!))), Is.EqualTo(new[] { "startWhen.equals" }));
        Assert.That(new StartCondition("disposition", "").EqualsText, Is.Empty, "an empty value is a value");
    }

    [Test]
    public void Publish_freezes_the_draft_as_the_next_version()
    {
        var spinner = MainSpinner();
        var by = Guid.NewGuid();

        var first = spinner.Publish(by, Now);
        spinner.UpdateDraft("Outreach v2", Log("Hello {{name}}"), Now.AddMinutes(1));
        var second = spinner.Publish(by, Now.AddMinutes(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((first.Version, second.Version, spinner.CurrentVersion), Is.EqualTo((1, 2, 2)));
            Assert.That(first.Definition, Is.EqualTo(Log().ToJson()), "version 1 keeps what was published");
            Assert.That(second.Definition, Is.EqualTo(Log("Hello {{name}}").ToJson()));
            Assert.That((second.SpinnerId, second.PublishedByUserId, second.PublishedAt), Is.EqualTo((spinner.Id, by, Now.AddMinutes(2))));
            Assert.That(spinner.IsPublished, Is.True);
            Assert.That(spinner.Name, Is.EqualTo("Outreach v2"));
        }
    }

    [Test]
    public void Updating_the_draft_after_publishing_leaves_the_published_version_alone()
    {
        var spinner = MainSpinner();
        var version = spinner.Publish(Guid.NewGuid(), Now);

        spinner.UpdateDraft("Outreach", Log("Changed"), Now.AddMinutes(1));

        Assert.That(version.Definition, Is.Not.EqualTo(spinner.DraftDefinition));
        Assert.That(spinner.CurrentVersion, Is.EqualTo(1));
        Assert.That(spinner.UpdatedAt, Is.EqualTo(Now.AddMinutes(1)));
    }

    [Test]
    public void A_draft_only_spinner_cannot_be_scheduled()
    {
        var spinner = MainSpinner();

        var error = Throws(() => spinner.SetSchedule("0 9 * * *", "UTC", true, Now.AddHours(1), Now));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.SpinnerNotPublished));
        Assert.That(spinner.HasSchedule, Is.False);
    }

    [Test]
    public void A_published_spinner_keeps_its_schedule_and_next_due_time_and_disabling_clears_the_due_time()
    {
        var spinner = MainSpinner();
        spinner.Publish(Guid.NewGuid(), Now);

        spinner.SetSchedule("0 9 * * *", "Europe/Lisbon", true, Now.AddHours(1), Now);
        Assert.That((spinner.ScheduleCron, spinner.ScheduleTimeZone, spinner.ScheduleEnabled, spinner.ScheduleNextDueAt),
            Is.EqualTo(("0 9 * * *", "Europe/Lisbon", true, (DateTime?)Now.AddHours(1))));

        spinner.SetSchedule("0 9 * * *", "Europe/Lisbon", false, Now.AddHours(1), Now);
        Assert.That((spinner.HasSchedule, spinner.ScheduleEnabled, spinner.ScheduleNextDueAt), Is.EqualTo((true, false, (DateTime?)null)));
    }

    [Test]
    public void An_enabled_schedule_that_never_fires_is_refused()
    {
        var spinner = MainSpinner();
        spinner.Publish(Guid.NewGuid(), Now);

        Assert.That(ErrorPaths(Throws(() => spinner.SetSchedule("0 0 30 2 *", "UTC", true, null, Now))), Is.EqualTo(new[] { "cron" }));
        Assert.That(spinner.HasSchedule, Is.False);
    }
}
