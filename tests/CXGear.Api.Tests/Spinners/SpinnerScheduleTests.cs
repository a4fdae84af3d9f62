using System.Net;
using System.Text.Json.Nodes;

namespace CXGear.Api.Tests.Spinners;

/// <summary>This fixture never moves the clock: it stays at 2 November 2026 09:00 UTC (the factory's start).</summary>
public sealed class SpinnerScheduleTests : SpinnersTestBase
{
    private static readonly DateTime Start = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task A_draft_only_spinner_cannot_be_scheduled()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();

        await AssertProblemAsync(await ScheduleRawAsync(admin.AccessToken, spinner, "0 9 * * *", "UTC"), HttpStatusCode.Conflict, "SPINNER_NOT_PUBLISHED");

        Assert.That((await SpinnerAsync(admin.AccessToken, spinner))["schedule"], Is.Null);
    }

    [Test]
    public async Task A_published_spinner_stores_its_schedule_and_the_next_due_time_in_utc()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);
        Assert.That(Factory.Clock.GetUtcNow().UtcDateTime, Is.EqualTo(Start));

        // New York is on EST (UTC-5) from 1 November 2026: 09:00 there is 14:00 UTC, later the same day.
        var response = await ScheduleRawAsync(admin.AccessToken, spinner, " 0 9 * * 1-5 ", "America/New_York");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var schedule = (await JsonAsync(response))["schedule"]!;
        Assert.That(((string?)schedule["cron"], (string?)schedule["timeZone"], (bool)schedule["enabled"]!), Is.EqualTo(("0 9 * * 1-5", "America/New_York", true)));
        Assert.That((DateTime)schedule["nextDueAt"]!, Is.EqualTo(new DateTime(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc)));
        var read = (await SpinnerAsync(admin.AccessToken, spinner))["schedule"]!;
        Assert.That(JsonNode.DeepEquals(read, schedule), Is.True, "stored as answered");
    }

    [Test]
    public async Task Next_due_is_strictly_after_now_and_skips_days_the_cron_excludes()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);

        // Monday 2 November 2026, 09:00 UTC exactly: "0 9 * * *" in UTC is due tomorrow, and a Sunday-only cron on the 8th.
        var daily = (await JsonAsync(await ScheduleRawAsync(admin.AccessToken, spinner, "0 9 * * *", "UTC")))["schedule"]!;
        var sundays = (await JsonAsync(await ScheduleRawAsync(admin.AccessToken, spinner, "0 9 * * 0", "UTC")))["schedule"]!;

        Assert.That((DateTime)daily["nextDueAt"]!, Is.EqualTo(new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc)));
        Assert.That((DateTime)sundays["nextDueAt"]!, Is.EqualTo(new DateTime(2026, 11, 8, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public async Task A_disabled_schedule_is_kept_without_a_due_time()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);
        await ScheduleRawAsync(admin.AccessToken, spinner, "0 9 * * *", "UTC");

        var response = await ScheduleRawAsync(admin.AccessToken, spinner, "0 9 * * *", "UTC", enabled: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var schedule = (await SpinnerAsync(admin.AccessToken, spinner))["schedule"]!;
        Assert.That(((bool)schedule["enabled"]!, schedule["nextDueAt"]), Is.EqualTo((false, (JsonNode?)null)));
    }

    [TestCase("0 0 9 * * *", "UTC", "cron", TestName = "Six fields")]
    [TestCase("61 9 * * *", "UTC", "cron", TestName = "Minute out of range")]
    [TestCase("", "UTC", "cron", TestName = "No cron")]
    [TestCase("0 9 * * *", "Mars/Olympus", "timeZone", TestName = "Unknown zone")]
    [TestCase("0 9 * * *", "GMT Standard Time", "timeZone", TestName = "Windows zone name")]
    [TestCase("0 9 * * *", "../../etc/passwd", "timeZone", TestName = "Path in zone")]
    [TestCase("0 0 30 2 *", "UTC", "cron", TestName = "Never fires")]
    public async Task A_bad_schedule_is_400_at_its_field_and_changes_nothing(string cron, string timeZone, string path)
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);

        var body = await AssertProblemAsync(await ScheduleRawAsync(admin.AccessToken, spinner, cron, timeZone), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]![path], Is.Not.Null, body.ToJsonString());
        Assert.That((await SpinnerAsync(admin.AccessToken, spinner))["schedule"], Is.Null);
    }
}
