using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Spinners;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Jobs.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>
/// Jobs whose api_call steps reach a real local HTTP server through the whole outbound stack (allow-list, guarded
/// connector, resilience pipeline), run by the runtime and read back through the routes.
/// </summary>
public sealed class RuntimeOutboundTests : RuntimeTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
        factory.Settings["Runtime:Outbound:RetryBaseDelayMilliseconds"] = "20";

        // Real-time limits roomy enough for a call the lease test holds open on purpose.
        factory.Settings["Runtime:Outbound:AttemptTimeoutSeconds"] = "60";
        factory.Settings["Runtime:Outbound:TotalTimeoutSeconds"] = "120";
    }

    private static string CallThenTag(int port) =>
        $"{{'steps':[{{'id':'a1','type':'api_call','method':'POST','url':'http://127.0.0.1:{port}/calls','body':'{{{{payload.phone}}}}','saveAs':'crm','next':'t1'}},"
        + "{'id':'t1','type':'tag','disposition':'Synced'}]}";

    [Test]
    public async Task An_api_call_retries_a_503_from_a_local_server_and_the_record_completes_with_the_response_in_its_outputs()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(503), LocalHttpServer.Status(200, "{\"id\":\"crm-7\"}", "application/json"));
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));

        await Runner.RunOnceAsync(CancellationToken.None);

        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"]), Is.EqualTo(("completed", (int?)1)));
        Assert.That(server.Hits, Is.EqualTo(2), "the 503, then the retry");
        Assert.That(server.Received.Select(r => r.Body).Distinct(), Is.EqualTo(new[] { "+15550001" }));
        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That((string?)record["disposition"], Is.EqualTo("Synced"));
        Assert.That(record["outputs"]!.ToJsonString(), Is.EqualTo("{\"crm\":{\"status\":200,\"body\":{\"id\":\"crm-7\"}},\"disposition\":\"Synced\"}"));
        var journey = await JourneyAsync(a.Admin.AccessToken, (string)record["id"]!);
        Assert.That(journey.Select(e => e.Split(':')[0] + ":" + e.Split(':')[1]), Is.EqualTo(new[] { "a1:api_completed", "t1:tagged" }));
    }

    [Test]
    public async Task A_job_cancelled_while_a_record_runs_keeps_that_record_and_skips_the_rest()
    {
        var a = await ArrangeJobAsync(rows: 3, publish: false);
        var token = a.Admin.AccessToken;
        string? jobId = null;
        HttpStatusCode? cancelled = null;

        // The first call asks for the cancel through the route while its record is still running.
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            cancelled = (await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token)).StatusCode;
            await LocalHttpServer.Status(200, "{}", "application/json")(context);
        });
        jobId = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));

        // One record at a time, so "the rest" have not started when the cancel lands (with more in flight, those end too).
        await NewRunner(new RuntimeOptions { RecordBatchSize = 1, MaxConcurrentRecordsPerJob = 1 }).RunOnceAsync(CancellationToken.None);

        Assert.That(cancelled, Is.EqualTo(HttpStatusCode.OK));
        var job = await JobAsync(token, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(("cancelled", (int?)1, (int?)0)));
        Assert.That(server.Hits, Is.EqualTo(1), "records after the cancel never ran");
        var records = await RecordsAsync(token, jobId);
        Assert.That(records.Select(r => ((string?)r["status"], (string?)r["disposition"])), Is.EqualTo(new[] { ("completed", "Synced"), ("skipped", null), ("skipped", null) }));
        Assert.That(await JourneyAsync(token, (string)records[1]["id"]!), Is.Empty);
    }

    [Test]
    public async Task A_record_that_outlasts_the_lease_keeps_its_job_because_the_lease_is_renewed_while_it_runs()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            reached.TrySetResult();
            await release.Task;
            await LocalHttpServer.Status(200, "{}", "application/json")(context);
        });
        var jobId = await ArrangeWithDefinitionAsync(a, CallThenTag(server.Port));
        var id = Guid.Parse(jobId);
        var holder = NewRunner();
        var other = NewRunner();

        var running = holder.RunOnceAsync(CancellationToken.None);
        try
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var lease = await LeaseUntilAsync(id);

            // 75 s pass in 25 s steps while the record's call hangs: past the first lease (60 s), renewed at each step.
            for (var i = 0; i < 3; i++)
            {
                Advance(TimeSpan.FromSeconds(25));
                lease = await RenewedAfterAsync(id, lease);
            }

            Assert.That(await other.TryClaimAsync(id, CancellationToken.None), Is.False, "the lease was renewed while the record ran");
        }
        finally
        {
            release.TrySetResult();
        }

        await running;
        var job = await JobAsync(a.Admin.AccessToken, jobId);
        Assert.That(((string?)job["status"], (int?)job["succeededRecords"]), Is.EqualTo(("completed", (int?)1)));
    }

    private async Task<DateTime?> LeaseUntilAsync(Guid jobId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        return await db.Jobs.IgnoreQueryFilters().Where(j => j.Id == jobId).Select(j => j.LeaseUntil).SingleAsync();
    }

    /// <summary>Waits (real time, the heartbeat runs on its own) until the lease has moved past <paramref name="previous"/>.</summary>
    private async Task<DateTime?> RenewedAfterAsync(Guid jobId, DateTime? previous)
    {
        for (var i = 0; i < 200; i++)
        {
            var lease = await LeaseUntilAsync(jobId);
            if (lease > previous)
            {
                return lease;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The lease was not renewed past {previous:O}.");
        return null;
    }
}
