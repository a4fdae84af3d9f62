using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Spinners;
using CXGear.Application.Jobs.Runtime;
using CXGear.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace CXGear.Api.Tests.Runtime;

/// <summary>
/// Records and jobs run side by side, bounded and fair: a gated local endpoint holds calls open and counts how many are
/// in flight, so the tests see the bounds without timing anything.
/// </summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class RuntimeConcurrencyTests : RuntimeTestBase
{
    public RuntimeConcurrencyTests(TestEngine engine) => Engine = engine;

    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
    }

    private static string CallThenTag(int port) =>
        $"{{'steps':[{{'id':'a1','type':'api_call','method':'POST','url':'http://127.0.0.1:{port}/calls','body':'{{{{payload.phone}}}}','saveAs':'crm','next':'t1'}},"
        + "{'id':'t1','type':'tag','disposition':'Synced'}]}";

    [Test]
    public async Task A_job_runs_its_records_side_by_side_never_more_than_the_bound()
    {
        var gate = new Gate(expected: 4);
        await using var server = await LocalHttpServer.StartAsync(Enumerable.Repeat<Func<HttpContext, Task>>(gate.HandleAsync, 12).ToArray());
        var a = await ArrangeJobAsync(rows: 12, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));

        var run = NewRunner(new RuntimeOptions { MaxConcurrentRecordsPerJob = 4 }).RunOnceAsync(CancellationToken.None);
        await gate.Full.WaitAsync(TimeSpan.FromSeconds(20));
        gate.Open();
        await run;

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"]), Is.EqualTo(("completed", (int?)12)));
        Assert.That(gate.MostInFlight, Is.EqualTo(4), "four calls were held open together, and never a fifth");
    }

    [Test]
    public async Task Another_organizations_short_job_completes_while_a_long_job_holds_its_records_open()
    {
        var gate = new Gate(expected: 2);
        await using var server = await LocalHttpServer.StartAsync(Enumerable.Repeat<Func<HttpContext, Task>>(gate.HandleAsync, 6).ToArray());
        var longJob = await ArrangeJobAsync(rows: 6, publish: false);
        var longJobId = await ArrangeWithDefinitionAsync(longJob, CallThenTag(server.Port));
        var shortJob = await ArrangeJobAsync(rows: 1);
        var shortJobId = await RunAsync(shortJob.Admin.AccessToken, shortJob.SpinnerId);

        var run = NewRunner(new RuntimeOptions { MaxConcurrentJobs = 2, MaxConcurrentRecordsPerJob = 2 }).RunOnceAsync(CancellationToken.None);
        await gate.Full.WaitAsync(TimeSpan.FromSeconds(20));
        try
        {
            var status = await WaitForStatusAsync(shortJob.Admin.AccessToken, shortJobId, "completed");
            Assert.That(status, Is.EqualTo("completed"), "the other organization's job did not wait for the long one");
            Assert.That((string?)(await JobAsync(longJob.Admin.AccessToken, longJobId))["status"], Is.EqualTo("running"));
        }
        finally
        {
            gate.Open();
            await run;
        }

        Assert.That((string?)(await JobAsync(longJob.Admin.AccessToken, longJobId))["status"], Is.EqualTo("completed"));
    }

    [Test]
    public async Task One_organization_never_takes_more_than_its_share_of_an_instance()
    {
        var gate = new Gate(expected: 1);
        await using var server = await LocalHttpServer.StartAsync(Enumerable.Repeat<Func<HttpContext, Task>>(gate.HandleAsync, 3).ToArray());
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var first = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));
        var second = await RunAsync(a.Admin.AccessToken, a.SpinnerId);

        var run = NewRunner(new RuntimeOptions { MaxConcurrentJobs = 4, MaxConcurrentJobsPerOrganization = 1 }).RunOnceAsync(CancellationToken.None);
        await gate.Full.WaitAsync(TimeSpan.FromSeconds(20));
        try
        {
            var statuses = new[] { (string?)(await JobAsync(a.Admin.AccessToken, first))["status"], (string?)(await JobAsync(a.Admin.AccessToken, second))["status"] };
            Assert.That(statuses, Is.EquivalentTo(new[] { "running", "queued" }), "the organization's second job waits for a share, not for a free slot");
        }
        finally
        {
            gate.Open();
            await run;
        }

        Assert.That(gate.MostInFlight, Is.EqualTo(1));
    }

    [Test]
    public async Task A_record_past_its_deadline_fails_with_RECORD_TIMEOUT_and_the_job_goes_on()
    {
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(
            async context =>
            {
                reached.TrySetResult();
                await hanging.Task.WaitAsync(context.RequestAborted);
            },
            LocalHttpServer.Status(200, "{}", "application/json"));
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));

        var run = NewRunner(new RuntimeOptions { MaxConcurrentRecordsPerJob = 1, RecordTimeoutSeconds = 30 }).RunOnceAsync(CancellationToken.None);
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Advance(TimeSpan.FromSeconds(31));
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        hanging.TrySetResult();

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(("partial", (int?)1, (int?)1)));
        var records = await RecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That((string?)records[0]["error"], Does.StartWith("RECORD_TIMEOUT"));
        Assert.That((string?)records[1]["status"], Is.EqualTo("completed"));
    }

    [Test]
    public async Task A_cancel_stops_a_job_whose_records_are_all_still_running_at_the_next_check_and_they_end_kept()
    {
        var gate = new Gate(expected: 2);
        await using var server = await LocalHttpServer.StartAsync(Enumerable.Repeat<Func<HttpContext, Task>>(gate.HandleAsync, 6).ToArray());
        var a = await ArrangeJobAsync(rows: 6, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));

        var run = NewRunner(new RuntimeOptions { MaxConcurrentRecordsPerJob = 2, CancelCheckMilliseconds = 500 }).RunOnceAsync(CancellationToken.None);
        await gate.Full.WaitAsync(TimeSpan.FromSeconds(20));
        var cancel = await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: a.Admin.AccessToken);
        Assert.That(cancel.IsSuccessStatusCode, Is.True);

        // The check is on the application's clock: half a second later the job takes no new record.
        Advance(TimeSpan.FromMilliseconds(500));
        await WaitForCancelSeenAsync(run);
        gate.Open();
        await run;

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"]), Is.EqualTo(("cancelled", (int?)2)));
        Assert.That(server.Hits, Is.EqualTo(2), "no record was taken after the cancel");
        var records = await RecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That(records.Count(r => (string?)r["status"] == "skipped"), Is.EqualTo(4));
    }

    /// <summary>The runner has read the cancel once a third call would have been taken; give it a moment of real time.</summary>
    private static async Task WaitForCancelSeenAsync(Task run)
    {
        for (var i = 0; i < 50 && !run.IsCompleted; i++)
        {
            await Task.Delay(20);
        }
    }

    private async Task<string?> WaitForStatusAsync(string token, string jobId, string wanted)
    {
        string? status = null;
        for (var i = 0; i < 500 && status != wanted; i++)
        {
            status = (string?)(await JobAsync(token, jobId))["status"];
            if (status != wanted)
            {
                await Task.Delay(20);
            }
        }

        return status;
    }

    /// <summary>Holds every call until opened; reports when <c>expected</c> calls are held at once and the most ever held.</summary>
    private sealed class Gate(int expected)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _most;

        public TaskCompletionSource FullSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Full => FullSource.Task;

        public int MostInFlight => Volatile.Read(ref _most);

        public void Open() => _open.TrySetResult();

        public async Task HandleAsync(HttpContext context)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while ((seen = Volatile.Read(ref _most)) < now && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }

            if (now >= expected)
            {
                FullSource.TrySetResult();
            }

            try
            {
                await _open.Task.WaitAsync(context.RequestAborted);
                await LocalHttpServer.Status(200, "{}", "application/json")(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
