using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Jobs;

namespace CXGear.Api.Tests.Runtime;

/// <summary>The hosted loop itself, switched on as production has it (the other fixtures keep it off).</summary>
public sealed class HostedRuntimeTests : JobsTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Enabled"] = "true";
        factory.Settings["Runtime:PollIntervalMilliseconds"] = "20";
    }

    [Test]
    public async Task With_the_runtime_on_a_queued_job_runs_to_completion_without_being_driven()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var jobId = await RunAsync(a.Admin.AccessToken, a.SpinnerId);

        string? status = null;
        for (var i = 0; i < 200 && status != "completed"; i++)
        {
            await Task.Delay(50);
            status = (string?)(await JobAsync(a.Admin.AccessToken, jobId))["status"];
        }

        Assert.That(status, Is.EqualTo("completed"));
        var records = await JobRecordsAsync(a.Admin.AccessToken, jobId);
        Assert.That(records["items"]!.AsArray().Select(r => (string?)r!["disposition"]), Is.EqualTo(new[] { "Contacted", "Contacted", "Contacted" }));
    }
}

/// <summary>The hosted loop with a poll so long that only the run-now signal can explain a prompt start.</summary>
public sealed class HostedRuntimeSignalTests : JobsTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Enabled"] = "true";
        factory.Settings["Runtime:PollIntervalMilliseconds"] = "600000";
    }

    [Test]
    public async Task Run_now_wakes_the_idle_runtime_instead_of_waiting_for_its_next_poll()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var key = await KeyAsync(token, "trigger");

        var ran = await RunAsync(token, a.SpinnerId);
        var triggered = await QueuedAsync(await TriggerRawAsync(key, a.SpinnerId));

        foreach (var jobId in new[] { ran, triggered })
        {
            string? status = null;
            for (var i = 0; i < 200 && status != "completed"; i++)
            {
                await Task.Delay(50);
                status = (string?)(await JobAsync(token, jobId))["status"];
            }

            Assert.That(status, Is.EqualTo("completed"), "within 10 s, with a 10-minute poll");
        }
    }
}
