using System.Text.Json;
using CXGear.Application.DataTables.Commands.CreateDataTable;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Spinners.Commands.CreateSpinner;
using CXGear.Application.Spinners.Commands.PublishSpinner;
using CXGear.Application.Spinners.Commands.SetSpinnerSchedule;
using CXGear.Application.Spinners.Queries.GetSpinner;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Spinners;

/// <summary>
/// What a schedule accepts and when it is next due. The clock stays at 2 November 2026 09:00 UTC (a Monday). The
/// schedule route's happy path, SPINNER_NOT_PUBLISHED and one bad zone over HTTP stay in Api.Tests (SpinnerScheduleTests).
/// </summary>
public sealed class SpinnerScheduleRulesTests : UseCaseTestBase
{
    /// <summary>A log step then a tag: the contract's own example.</summary>
    private const string LogThenTag =
        """{"steps":[{"id":"s1","type":"log","message":"Hi {{name}}","next":"s2"},{"id":"s2","type":"tag","disposition":"Contacted"}]}""";

    /// <summary>An admin with one project, one table and one published main spinner over it.</summary>
    private async Task<(Caller Admin, Guid SpinnerId)> ArrangePublishedSpinnerAsync()
    {
        var org = await OrganizationAsync();
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        var table = await SendAsync(new CreateDataTableCommand(project.Id, "Contacts", ["name", "phone"]), org.Admin);
        using var definition = JsonDocument.Parse(LogThenTag);
        var spinner = await SendAsync(new CreateSpinnerCommand(project.Id, "Outreach", table.Id, definition.RootElement.Clone(), null, null), org.Admin);
        await SendAsync(new PublishSpinnerCommand(spinner.Id), org.Admin);
        return (org.Admin, spinner.Id);
    }

    [Test]
    public async Task Next_due_is_strictly_after_now_and_skips_days_the_cron_excludes()
    {
        var (admin, spinner) = await ArrangePublishedSpinnerAsync();

        // Monday 2 November 2026, 09:00 UTC exactly: "0 9 * * *" in UTC is due tomorrow, and a Sunday-only cron on the 8th.
        var daily = (await SendAsync(new SetSpinnerScheduleCommand(spinner, "0 9 * * *", "UTC", true), admin)).Schedule!;
        var sundays = (await SendAsync(new SetSpinnerScheduleCommand(spinner, "0 9 * * 0", "UTC", true), admin)).Schedule!;

        Assert.That(daily.NextDueAt, Is.EqualTo(new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc)));
        Assert.That(sundays.NextDueAt, Is.EqualTo(new DateTime(2026, 11, 8, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public async Task A_disabled_schedule_is_kept_without_a_due_time()
    {
        var (admin, spinner) = await ArrangePublishedSpinnerAsync();
        await SendAsync(new SetSpinnerScheduleCommand(spinner, "0 9 * * *", "UTC", true), admin);

        await SendAsync(new SetSpinnerScheduleCommand(spinner, "0 9 * * *", "UTC", false), admin);

        var schedule = (await SendAsync(new GetSpinnerQuery(spinner), admin)).Schedule!;
        Assert.That((schedule.Enabled, schedule.NextDueAt), Is.EqualTo((false, (DateTime?)null)));
    }

    [TestCase("0 0 9 * * *", "UTC", "cron", TestName = "Six fields")]
    [TestCase("61 9 * * *", "UTC", "cron", TestName = "Minute out of range")]
    [TestCase("", "UTC", "cron", TestName = "No cron")]
    [TestCase("0 9 * * *", "Mars/Olympus", "timeZone", TestName = "Unknown zone")]
    [TestCase("0 9 * * *", "GMT Standard Time", "timeZone", TestName = "Windows zone name")]
    [TestCase("0 9 * * *", "../../etc/passwd", "timeZone", TestName = "Path in zone")]
    [TestCase("0 0 30 2 *", "UTC", "cron", TestName = "Never fires")]
    public async Task A_bad_schedule_is_a_validation_error_at_its_field_and_changes_nothing(string cron, string timeZone, string path)
    {
        var (admin, spinner) = await ArrangePublishedSpinnerAsync();

        var errors = await InvalidAsync(() => SendAsync(new SetSpinnerScheduleCommand(spinner, cron, timeZone, true), admin));

        Assert.That(errors.Keys, Does.Contain(path));
        Assert.That((await SendAsync(new GetSpinnerQuery(spinner), admin)).Schedule, Is.Null);
    }
}
