using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Jobs.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>
/// /health/ready with the hosted runtime on: a 10-minute poll, so the loop wakes only when told to, and the test clock
/// decides how long it has been quiet.
/// </summary>
public sealed class RuntimeHealthTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Enabled"] = "true";
        factory.Settings["Runtime:PollIntervalMilliseconds"] = "600000";
    }

    private async Task<(HttpStatusCode Status, string? Runtime, string? Description)> ReadyAsync()
    {
        var response = await GetAsync("/health/ready");
        var body = await JsonAsync(response);
        return (response.StatusCode, (string?)body["checks"]!["runtime"]?["status"], (string?)body["checks"]!["runtime"]?["description"]);
    }

    [Test]
    public async Task Ready_follows_the_runtime_loop_it_goes_unready_when_the_loop_is_quiet_for_three_polls_and_back_when_it_wakes()
    {
        var started = await ReadyAsync();
        Assert.That((started.Status, started.Runtime), Is.EqualTo((HttpStatusCode.OK, "healthy")), started.Description);

        Advance(TimeSpan.FromMinutes(31));
        var quiet = await ReadyAsync();
        Assert.That((quiet.Status, quiet.Runtime), Is.EqualTo((HttpStatusCode.ServiceUnavailable, "unhealthy")));
        Assert.That(quiet.Description, Does.Contain("limit 1800 s"));

        // A run-now wakes the idle loop, as any poll would: its iteration completes and beats.
        Factory.Services.GetRequiredService<JobSignal>().Notify();
        var woken = quiet;
        for (var i = 0; i < 200 && woken.Status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(50);
            woken = await ReadyAsync();
        }

        Assert.That((woken.Status, woken.Runtime), Is.EqualTo((HttpStatusCode.OK, "healthy")));
    }
}

/// <summary>With the runtime off (the test default), readiness is the database's alone.</summary>
public sealed class RuntimeOffHealthTests : ApiTestBase
{
    [Test]
    public async Task Ready_has_no_runtime_entry_when_this_instance_does_not_run_the_runtime()
    {
        var response = await GetAsync("/health/ready");
        var checks = (await JsonAsync(response))["checks"]!.AsObject();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(checks.Select(c => c.Key), Is.EqualTo(new[] { "database" }));
    }
}
