using CXGear.Application.Spinners.Commands.SetSpinnerSchedule;
using CXGear.Application.Spinners.Queries.GetSpinner;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Spinners;

/// <summary>
/// What a schedule accepts and when it is next due. The clock stays at 2 November 2026 09:00 UTC (a Monday). The
/// schedule route's happy path, SPINNER_NOT_PUBLISHED and one bad zone over HTTP stay in Api.Tests (SpinnerScheduleTests).
/// </summary>
public sealed class SpinnerScheduleRulesTests : SpinnerTestBase
{
    private async Task<(Caller Admin, Guid SpinnerId)> ArrangePublishedSpinnerAsync()
    {
        var arranged = await ArrangeSpinnerAsync();
        await PublishAsync(arranged.Admin, arranged.SpinnerId);
        return (arranged.Admin, arranged.SpinnerId);
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
