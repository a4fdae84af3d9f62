using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Jobs;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Jobs.Runtime;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>
/// Real jobs run to their end by <see cref="JobRunner"/>, driven one iteration at a time (the hosted loop is off in
/// tests), and read back through the job routes as a client would.
/// </summary>
public sealed class RuntimeTests : RuntimeTestBase
{
    private const string CallUnlessCityOne =
        "{'steps':[{'id':'d1','type':'decision','branches':[{'when':{'field':'payload.city','equals':'City 1'},'next':'t1'}],'default':'a1'},"
        + "{'id':'a1','type':'api_call','method':'POST','url':'https://crm.not-allowed.example/calls','saveAs':'crm','next':'t1'},{'id':'t1','type':'tag','disposition':'Done'}]}";

    [Test]
    public async Task A_log_and_tag_spinner_over_three_rows_completes_three_records_each_with_a_disposition_and_a_journey()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);

        await Runner.RunOnceAsync(CancellationToken.None);

        var job = await JobAsync(token, jobId);
        Assert.That(
            ((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"], job["startedAt"] is not null, job["endedAt"] is not null),
            Is.EqualTo(((string?)"completed", (int?)3, (int?)0, true, true)));
        var records = await RecordsAsync(token, jobId);
        Assert.That(records.Select(r => ((string?)r["status"], (string?)r["disposition"])), Is.EqualTo(Enumerable.Repeat(((string?)"completed", (string?)"Contacted"), 3)));
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await JourneyAsync(token, (string)records[i]["id"]!), Is.EqualTo(new[] { $"s1:logged:Hi Name {i + 1}", "s2:tagged:Contacted" }));
        }

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That(await EventCountAsync(jobId), Is.EqualTo(6), "a finished job is not run again");
    }

    [Test]
    public async Task A_decision_routes_rows_by_a_field()
    {
        var a = await ArrangeJobAsync(rows: 3, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, RouteByCity);

        await Runner.RunOnceAsync(CancellationToken.None);

        var records = await RecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That(records.Select(r => (string?)r["disposition"]), Is.EqualTo(new[] { "Other", "Second", "Other" }));
        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, jobId))["status"], Is.EqualTo("completed"));
    }

    [Test]
    public async Task An_api_call_to_a_host_off_the_allow_list_fails_its_records_and_the_job_ends_partial()
    {
        var a = await ArrangeJobAsync(rows: 3, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallUnlessCityOne);

        await Runner.RunOnceAsync(CancellationToken.None);

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(("partial", (int?)1, (int?)2)));
        var records = await RecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That(records.Select(r => (string?)r["status"]), Is.EqualTo(new[] { "completed", "failed", "failed" }));
        Assert.That((string?)records[1]["error"], Does.Contain("crm.not-allowed.example"));
        Assert.That(await JourneyAsync(a.Admin.AccessToken, (string)records[1]["id"]!), Has.Length.EqualTo(2), "the decision, then the refused call");
    }

    [Test]
    public async Task Every_record_failing_fails_the_job()
    {
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallUnlessCityOne.Replace("'City 1'", "'Nowhere'", StringComparison.Ordinal));

        await Runner.RunOnceAsync(CancellationToken.None);

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(("failed", (int?)0, (int?)2)));
    }

    [Test]
    public async Task Two_runtimes_on_one_database_run_each_job_exactly_once()
    {
        var a = await ArrangeJobAsync(rows: 4);
        var token = a.Admin.AccessToken;
        var jobs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            jobs.Add(await RunAsync(token, a.SpinnerId));
        }

        var first = NewRunner();
        var second = NewRunner();
        Assert.That(first.InstanceId, Is.Not.EqualTo(second.InstanceId));
        var ran = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));

        Assert.That(ran.Sum(), Is.EqualTo(4), "each job ended once, by one of them");
        foreach (var jobId in jobs)
        {
            Assert.That(Factory.Logs.Count(l => l.Contains($"Job {jobId} claimed by", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1), "claimed once");
            var job = await JobAsync(token, jobId);
            Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(("completed", (int?)4, (int?)0)));
        }

        Assert.That(await EventCountAsync([.. jobs]), Is.EqualTo(4 * 4 * 2), "two journey events per record, never doubled");
    }

    [Test]
    public async Task Of_two_runtimes_claiming_one_job_only_the_first_gets_it_until_its_lease_expires()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var id = Guid.Parse(await RunAsync(a.Admin.AccessToken, a.SpinnerId));
        var first = NewRunner();
        var second = NewRunner();

        Assert.That(await first.TryClaimAsync(id, CancellationToken.None), Is.True);
        Assert.That(await second.TryClaimAsync(id, CancellationToken.None), Is.False, "the lease holds");
        Assert.That(await first.TryClaimAsync(id, CancellationToken.None), Is.False, "not even its holder takes it twice");

        Advance(TimeSpan.FromSeconds(61));
        Assert.That(await second.TryClaimAsync(id, CancellationToken.None), Is.True, "an expired lease is reclaimed");
        var job = await JobAsync(a.Admin.AccessToken, id.ToString());
        Assert.That((string?)job["status"], Is.EqualTo("running"));
        Advance(TimeSpan.FromSeconds(61));
        await second.RunOnceAsync(CancellationToken.None);
        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, id.ToString()))["status"], Is.EqualTo("completed"));
        Assert.That(await first.TryClaimAsync(id, CancellationToken.None), Is.False, "a finished job is never claimed");
    }

    [Test]
    public async Task A_job_whose_lease_expired_is_reclaimed_and_records_already_finished_are_not_run_again()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        var id = Guid.Parse(jobId);

        // An instance took the job, finished record 1, and crashed.
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            var job = await db.Jobs.IgnoreQueryFilters().SingleAsync(j => j.Id == id);
            job.Claim("crashed-instance", now.AddSeconds(60), now);
            job.RecordFinished(true);
            var record = await db.JobRecords.IgnoreQueryFilters().SingleAsync(r => r.JobId == id && r.Sequence == 1);
            record.Complete("Earlier", now);
            await db.SaveChangesAsync();
        }

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That((string?)(await JobAsync(token, jobId))["status"], Is.EqualTo("running"), "the lease still holds");
        Assert.That(await EventCountAsync(jobId), Is.Zero);

        Advance(TimeSpan.FromSeconds(61));
        await Runner.RunOnceAsync(CancellationToken.None);

        var ended = await JobAsync(token, jobId);
        Assert.That(((string?)ended["status"], (int?)ended["succeededRecords"]), Is.EqualTo(("completed", (int?)3)));
        var records = await RecordsAsync(token, jobId);
        Assert.That(records.Select(r => (string?)r["disposition"]), Is.EqualTo(new[] { "Earlier", "Contacted", "Contacted" }));
        Assert.That(await JourneyAsync(token, (string)records[0]["id"]!), Is.Empty);
        Assert.That(await EventCountAsync(jobId), Is.EqualTo(4));
    }

    [Test]
    public async Task A_job_cancelled_while_queued_never_runs()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        var cancel = await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await Runner.RunOnceAsync(CancellationToken.None);

        Assert.That((string?)(await JobAsync(token, jobId))["status"], Is.EqualTo("cancelled"));
        Assert.That((await RecordsAsync(token, jobId)).Select(r => (string?)r["status"]), Is.EqualTo(new[] { "skipped", "skipped" }));
        Assert.That(await EventCountAsync(jobId), Is.Zero);
    }

    [Test]
    public async Task A_running_job_asked_to_stop_ends_cancelled_and_its_records_not_reached_end_skipped()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        var id = Guid.Parse(jobId);
        var runner = Runner;

        // The runner holds the job (as its claim would leave it) when the cancel arrives.
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            var job = await db.Jobs.IgnoreQueryFilters().SingleAsync(j => j.Id == id);
            job.Claim(runner.InstanceId, now.AddSeconds(-1), now);
            await db.SaveChangesAsync();
        }

        var cancel = await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await runner.RunOnceAsync(CancellationToken.None);

        var ended = await JobAsync(token, jobId);
        Assert.That(((string?)ended["status"], ended["endedAt"] is not null), Is.EqualTo(("cancelled", true)));
        Assert.That(await EventCountAsync(jobId), Is.Zero);
        var records = await RecordsAsync(token, jobId);
        Assert.That(records.Select(r => ((string?)r["status"], r["endedAt"] is not null)), Is.EqualTo(new[] { ("skipped", true), ("skipped", true) }));
    }

    [Test]
    public async Task A_schedule_fires_once_when_the_clock_passes_its_time_even_with_two_runtimes()
    {
        // The fixture's clock is shared: move it to 30 s past the next hour, so the next 5-minute mark is 4.5 minutes away.
        var now = Factory.Clock.GetUtcNow();
        Factory.Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 30, TimeSpan.Zero).AddHours(1));
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var schedule = await ScheduleRawAsync(token, a.SpinnerId, "*/5 * * * *", "UTC");
        Assert.That(schedule.StatusCode, Is.EqualTo(HttpStatusCode.OK), await schedule.Content.ReadAsStringAsync());
        var first = NewRunner();
        var second = NewRunner();

        await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));
        Assert.That((await JobsAsync(token, a.ProjectId))["items"]!.AsArray(), Is.Empty, "hh:00:30 is not yet due (next is hh:05)");

        Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));
        await first.RunOnceAsync(CancellationToken.None);

        var jobs = (await JobsAsync(token, a.ProjectId))["items"]!.AsArray();
        Assert.That(jobs.Select(j => ((string?)j!["origin"], (string?)j["status"])), Is.EqualTo(new[] { ("schedule", "completed") }));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((1L, 2L)), "a fired schedule counts on the monthly meters");

        Advance(TimeSpan.FromMinutes(5));
        await first.RunOnceAsync(CancellationToken.None);
        Assert.That((await JobsAsync(token, a.ProjectId))["items"]!.AsArray(), Has.Count.EqualTo(2));
        var off = await ScheduleRawAsync(token, a.SpinnerId, "*/5 * * * *", "UTC", enabled: false);
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_parent_record_ending_with_the_childs_start_condition_queues_and_runs_a_child_job_for_that_record()
    {
        var a = await ArrangeJobAsync(rows: 3, publish: false);
        var token = a.Admin.AccessToken;
        var child = await CreateSpinnerAsync(
            token, a.ProjectId, a.TableId, "Follow-up", "{'steps':[{'id':'f1','type':'tag','disposition':'FollowedUp'}]}", a.SpinnerId, new { field = "disposition", equals = "Second" });
        await PublishAsync(token, child);
        var parentJob = await ArrangeWithDefinitionAsync(a, RouteByCity);

        await Runner.RunOnceAsync(CancellationToken.None);

        var jobs = (await JobsAsync(token, a.ProjectId))["items"]!.AsArray().Select(j => j!).ToArray();
        Assert.That(jobs.Select(j => ((string?)j["origin"], (string?)j["status"], (int?)j["totalRecords"])), Is.EquivalentTo(new[] { ("manual", "completed", (int?)3), ("parent", "completed", (int?)1) }));
        var childJob = (string)jobs.Single(j => (string?)j["origin"] == "parent")["id"]!;
        Assert.That((string?)jobs.Single(j => (string?)j["origin"] == "parent")["spinnerId"], Is.EqualTo(child));
        var records = await RecordsAsync(token, childJob);
        Assert.That(records.Select(r => ((string?)r["payload"]!["city"], (string?)r["disposition"])), Is.EqualTo(new[] { ("City 2", "FollowedUp") }));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((2L, 4L)), "the child job counts on the monthly meters");
        Assert.That(parentJob, Is.Not.EqualTo(childJob));
    }

    [Test]
    public async Task Republishing_while_a_job_is_queued_leaves_that_job_on_its_version()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{a.SpinnerId}", new { name = "Outreach", definition = Def(LogThenTag.Replace("Contacted", "Changed", StringComparison.Ordinal)) }, token);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await PublishAsync(token, a.SpinnerId), Is.EqualTo(2));
        var later = await RunAsync(token, a.SpinnerId);

        await Runner.RunOnceAsync(CancellationToken.None);

        Assert.That((int?)(await JobAsync(token, jobId))["version"], Is.EqualTo(1));
        Assert.That((await RecordsAsync(token, jobId)).Select(r => (string?)r["disposition"]), Is.EqualTo(new[] { "Contacted", "Contacted" }));
        Assert.That((await RecordsAsync(token, later)).Select(r => (string?)r["disposition"]), Is.EqualTo(new[] { "Changed", "Changed" }));
    }
}
