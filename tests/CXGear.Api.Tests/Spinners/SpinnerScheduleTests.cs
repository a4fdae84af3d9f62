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

    // The mapping over HTTP; every other bad cron and zone is in UseCases.Tests (SpinnerScheduleRulesTests).
    [TestCase("0 9 * * *", "Mars/Olympus", "timeZone", TestName = "Unknown zone")]
    public async Task A_bad_schedule_is_400_at_its_field_and_changes_nothing(string cron, string timeZone, string path)
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);

        var body = await AssertProblemAsync(await ScheduleRawAsync(admin.AccessToken, spinner, cron, timeZone), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]![path], Is.Not.Null, body.ToJsonString());
        Assert.That((await SpinnerAsync(admin.AccessToken, spinner))["schedule"], Is.Null);
    }
}
