using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>Events nobody's request hears: the runtime's refusals, and a queued job cancelled through the route.</summary>
public sealed class WebhookRuntimeEventTests : WebhooksTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Webhooks:AllowPrivateNetworks"] = "true";
        factory.Settings["Plans:Trial:RecordsPerMonth"] = "4";
    }

    [Test]
    public async Task A_scheduled_run_refused_by_a_full_meter_is_pushed_as_job_failed_and_plan_limit_reached_with_the_meters_numbers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var now = Factory.Clock.GetUtcNow();
        Factory.Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 30, TimeSpan.Zero).AddHours(1));
        var a = await ArrangeJobAsync(rows: 5);
        var token = a.Admin.AccessToken;
        await CreateEndpointAsync(token, receiver.Url, "job.failed", "plan.limit_reached");
        var schedule = await ScheduleRawAsync(token, a.SpinnerId, "*/5 * * * *", "UTC");
        Assert.That(schedule.StatusCode, Is.EqualTo(HttpStatusCode.OK), await schedule.Content.ReadAsStringAsync());

        Advance(TimeSpan.FromMinutes(5));
        await Runner.RunOnceAsync(CancellationToken.None);
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var bodies = receiver.Requests.Select(r => JsonNode.Parse(r.Body)!).ToDictionary(b => (string)b["type"]!);
        Assert.That(bodies.Keys, Is.EquivalentTo(new[] { "job.failed", "plan.limit_reached" }));
        var job = (await JobsAsync(token, a.ProjectId))["items"]![0]!;
        Assert.That(bodies["job.failed"]["data"]!.ToJsonString(), Is.EqualTo(job.ToJsonString()));
        var limit = bodies["plan.limit_reached"]["data"]!;
        Assert.That(((string?)limit["meter"], (long?)limit["limit"], (string?)limit["job"]!["id"]), Is.EqualTo(("records", (long?)4, (string?)job["id"])));
        Assert.That((string?)limit["message"], Does.Contain("(5/4)").Or.Contain("/4)"));
    }

    [Test]
    public async Task Cancelling_a_queued_job_pushes_job_cancelled_once_the_cancel_has_committed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        await CreateEndpointAsync(token, receiver.Url, "job.cancelled");
        var jobId = await RunAsync(token, a.SpinnerId);

        var cancel = await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cancel.Content.ReadAsStringAsync());
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var body = JsonNode.Parse(receiver.Requests.Single().Body)!;
        Assert.That(((string?)body["type"], (string?)body["data"]!["status"], (string?)body["data"]!["id"]), Is.EqualTo(("job.cancelled", "cancelled", jobId)));
    }
}
