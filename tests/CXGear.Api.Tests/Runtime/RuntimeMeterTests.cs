using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>Supporting spinners' jobs against a Records/month meter with little room left.</summary>
public sealed class RuntimeMeterTests : RuntimeTestBase
{
    protected override void Configure(CXGearApiFactory factory) => factory.Settings["Plans:Trial:RecordsPerMonth"] = "4";

    [Test]
    public async Task A_child_job_that_no_longer_fits_the_meter_is_skipped_without_taking_a_jobs_unit_and_the_parent_completes()
    {
        var a = await ArrangeJobAsync(rows: 3, publish: false);
        var token = a.Admin.AccessToken;
        var child = await CreateSpinnerAsync(
            token, a.ProjectId, a.TableId, "Follow-up", "{'steps':[{'id':'f1','type':'tag','disposition':'FollowedUp'}]}", a.SpinnerId, new { field = "disposition", equals = "Other" });
        await PublishAsync(token, child);
        var parentJob = await ArrangeWithDefinitionAsync(a, RouteByCity);

        // Rows 1 and 3 end "Other": the first child job takes the 4th record unit; the second finds the meter full.
        await Runner.RunOnceAsync(CancellationToken.None);

        // The refusal is visible: a failed parent-origin job that says why, with the meter's numbers, and an audit event.
        var jobs = (await JobsAsync(token, a.ProjectId))["items"]!.AsArray().Select(j => j!).ToArray();
        Assert.That(
            jobs.Select(j => ((string?)j["origin"], (string?)j["status"], (int?)j["totalRecords"])),
            Is.EquivalentTo(new[] { ("manual", "completed", (int?)3), ("parent", "completed", (int?)1), ("parent", "failed", (int?)0) }));
        var refused = jobs.Single(j => (string?)j["status"] == "failed");
        Assert.That((string?)refused["error"], Does.StartWith("PLAN_LIMIT: ").And.Contain("(4/4)"));
        Assert.That(await RefusalEventsAsync(), Is.EqualTo(1));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((2L, 4L)), "the refused child's Jobs unit was rolled back with it");
        var parent = await RecordsAsync(token, parentJob);
        Assert.That(parent.Select(r => ((string?)r["status"], (string?)r["disposition"])), Is.EqualTo(new[] { ("completed", "Other"), ("completed", "Second"), ("completed", "Other") }));
        Assert.That(Factory.Logs.Count(l => l.Contains($"Supporting spinner {child} skipped parent record", StringComparison.OrdinalIgnoreCase) && l.Contains("PLAN_LIMIT", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_schedule_that_meets_a_full_meter_leaves_a_failed_job_saying_why_and_takes_nothing()
    {
        var now = Factory.Clock.GetUtcNow();
        Factory.Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 30, TimeSpan.Zero).AddHours(1));
        var a = await ArrangeJobAsync(rows: 5);
        var token = a.Admin.AccessToken;
        var events = await RefusalEventsAsync();
        var schedule = await ScheduleRawAsync(token, a.SpinnerId, "*/5 * * * *", "UTC");
        Assert.That(schedule.StatusCode, Is.EqualTo(HttpStatusCode.OK), await schedule.Content.ReadAsStringAsync());

        Advance(TimeSpan.FromMinutes(5));
        await Runner.RunOnceAsync(CancellationToken.None);

        var job = (await JobsAsync(token, a.ProjectId))["items"]!.AsArray().Single()!;
        Assert.That(((string?)job["origin"], (string?)job["status"], (int?)job["totalRecords"]), Is.EqualTo(("schedule", "failed", (int?)0)));
        Assert.That((string?)job["error"], Does.StartWith("PLAN_LIMIT: "));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((0L, 0L)), "a refused firing counts on no meter");
        Assert.That(await RefusalEventsAsync(), Is.EqualTo(events + 1));
    }

    [Test]
    public async Task Cancelling_a_queued_job_skips_its_records_and_gives_them_back_to_the_records_meter()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 3L)));

        var cancel = await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token);

        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cancel.Content.ReadAsStringAsync());
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 0L)), "the job was queued; its records never ran");
        Assert.That((await RecordsAsync(token, jobId)).Select(r => (string?)r["status"]), Is.All.EqualTo("skipped"));
    }

    [Test]
    public async Task A_running_job_cancelled_gives_back_only_the_records_it_never_reached()
    {
        var a = await ArrangeJobAsync(rows: 4);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        using (var scope = Factory.Services.CreateScope())
        {
            // A running job whose instance stopped (its lease has ended) and whose cancel was asked for meanwhile.
            var db = scope.ServiceProvider.GetRequiredService<Application.Common.Abstractions.IApplicationDbContext>();
            var id = Guid.Parse(jobId);
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            var job = await db.Jobs.IgnoreQueryFilters().SingleAsync(j => j.Id == id);
            job.Claim("stopped-instance", now.AddSeconds(-1), now);
            job.Cancel(now);
            await db.SaveChangesAsync();
        }

        await NewRunner(new Application.Jobs.Runtime.RuntimeOptions { RecordBatchSize = 1 }).RunOnceAsync(CancellationToken.None);

        var state = await JobAsync(token, jobId);
        Assert.That((string?)state["status"], Is.EqualTo("cancelled"));
        var records = await RecordsAsync(token, jobId);
        Assert.That(records.Select(r => (string?)r["status"]), Is.All.EqualTo("skipped"));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 0L)), "the records it never reached went back");
    }

    private Task<int> RefusalEventsAsync() =>
        Seed.CountAsync(Factory, db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.Type == AuditEventTypes.JobRefused));
}
