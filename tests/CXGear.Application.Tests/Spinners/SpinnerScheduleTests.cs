using CXGear.Application.Spinners.Schedules;

namespace CXGear.Application.Tests.Spinners;

public sealed class SpinnerScheduleTests
{
    private static SpinnerSchedule Schedule(string cron, string zone, bool enabled = true)
    {
        Assert.That(SpinnerSchedule.TryCreate(cron, zone, enabled, out var schedule, out var errors), Is.True, string.Join("; ", errors));
        return schedule!;
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("2026-03-06T15:00:00", "2026-03-07T14:00:00")] // 09:00 EST = 14:00 UTC
    [TestCase("2026-03-07T15:00:00", "2026-03-08T13:00:00")] // the clocks went forward overnight: 09:00 EDT = 13:00 UTC
    [TestCase("2026-10-31T14:00:00", "2026-11-01T14:00:00")] // and back on 1 November: 09:00 EST again
    public void A_daily_time_stays_at_local_wall_clock_time_across_dst(string after, string expected)
    {
        var schedule = Schedule("0 9 * * *", "America/New_York");

        Assert.That(schedule.NextOccurrence(Utc(after)), Is.EqualTo(Utc(expected)));
    }

    [Test]
    public void A_time_skipped_by_the_spring_gap_fires_at_the_end_of_the_gap()
    {
        var schedule = Schedule("30 2 * * *", "America/New_York");

        // 02:30 does not exist on 8 March 2026 in New York; 03:00 EDT is 07:00 UTC.
        Assert.That(schedule.NextOccurrence(Utc("2026-03-08T05:00:00")), Is.EqualTo(Utc("2026-03-08T07:00:00")));
        Assert.That(schedule.NextOccurrence(Utc("2026-03-08T07:00:00")), Is.EqualTo(Utc("2026-03-09T06:30:00")));
    }

    [Test]
    public void A_time_repeated_by_the_autumn_fall_back_fires_once()
    {
        var schedule = Schedule("30 1 * * *", "America/New_York");

        // 01:30 happens twice on 1 November 2026: first at 05:30 UTC (EDT), again at 06:30 UTC (EST).
        Assert.That(schedule.NextOccurrence(Utc("2026-11-01T04:00:00")), Is.EqualTo(Utc("2026-11-01T05:30:00")));
        Assert.That(schedule.NextOccurrence(Utc("2026-11-01T05:30:00")), Is.EqualTo(Utc("2026-11-02T06:30:00")));
    }

    [Test]
    public void The_next_occurrence_is_strictly_after_the_given_instant()
    {
        var schedule = Schedule("0 * * * *", "UTC");

        Assert.That(schedule.NextOccurrence(Utc("2026-05-01T10:00:00")), Is.EqualTo(Utc("2026-05-01T11:00:00")));
    }

    [Test]
    public void Europe_lisbon_moves_with_its_own_dst_dates()
    {
        var schedule = Schedule("0 8 * * 1-5", "Europe/Lisbon");

        // Friday 27 March 2026 is WET (UTC+0); Monday 30 March is WEST (UTC+1).
        Assert.That(schedule.NextOccurrence(Utc("2026-03-26T09:00:00")), Is.EqualTo(Utc("2026-03-27T08:00:00")));
        Assert.That(schedule.NextOccurrence(Utc("2026-03-27T09:00:00")), Is.EqualTo(Utc("2026-03-30T07:00:00")));
    }

    [Test]
    public void A_disabled_schedule_has_no_next_occurrence_but_keeps_its_settings()
    {
        var schedule = Schedule(" 0 9 * * * ", "Europe/Lisbon", enabled: false);

        Assert.That(schedule.NextOccurrence(Utc("2026-05-01T00:00:00")), Is.Null);
        Assert.That((schedule.Cron, schedule.TimeZone, schedule.Enabled), Is.EqualTo(("0 9 * * *", "Europe/Lisbon", false)));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    [TestCase("* * * *")]
    [TestCase("0 0 * * * *")]
    [TestCase("61 * * * *")]
    [TestCase("0 25 * * *")]
    [TestCase("every day")]
    public void Invalid_cron_expressions_are_refused_at_cron(string? cron)
    {
        Assert.That(SpinnerSchedule.TryCreate(cron, "UTC", true, out var schedule, out var errors), Is.False);
        Assert.That(schedule, Is.Null);
        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "cron" }));
    }

    [Test]
    public void A_cron_longer_than_the_cap_is_refused()
    {
        var cron = "0 0 * * " + string.Join(",", Enumerable.Repeat("1", 60));

        Assert.That(SpinnerSchedule.TryCreate(cron, "UTC", true, out _, out var errors), Is.False);
        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "cron" }));
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("Mars/Olympus_Mons")]
    [TestCase("Eastern Standard Time")]
    [TestCase("../../../etc/passwd")]
    [TestCase("America/../Europe/Lisbon")]
    public void Unknown_or_non_iana_time_zones_are_refused_at_time_zone(string? zone)
    {
        Assert.That(SpinnerSchedule.TryCreate("0 9 * * *", zone, true, out _, out var errors), Is.False);
        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "timeZone" }));
    }

    [Test]
    public void Both_errors_are_reported_together()
    {
        Assert.That(SpinnerSchedule.TryCreate("nope", "Nowhere/Land", true, out _, out var errors), Is.False);
        Assert.That(errors.Select(e => e.Path), Is.EqualTo(new[] { "cron", "timeZone" }));
    }

    [TestCase("UTC")]
    [TestCase("Etc/GMT+5")]
    [TestCase("Asia/Kolkata")]
    [TestCase("America/Argentina/Buenos_Aires")]
    public void Iana_zones_are_accepted(string zone)
    {
        Assert.That(Schedule("0 9 * * *", zone).TimeZone, Is.EqualTo(zone));
    }
}
