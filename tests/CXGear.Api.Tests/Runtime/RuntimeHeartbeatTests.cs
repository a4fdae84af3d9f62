using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Spinners;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Jobs.Runtime;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>The instance heartbeat: its row in RuntimeInstances, how often it is written, pruning, and the loop's pulse.</summary>
public sealed class RuntimeHeartbeatTests : RuntimeTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
    }

    private RuntimeHeartbeat Heartbeat => Factory.Services.GetRequiredService<RuntimeHeartbeat>();

    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    private async Task<RuntimeInstance?> InstanceAsync(string id)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().RuntimeInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id);
    }

    [Test]
    public async Task A_runner_that_runs_a_job_writes_its_instance_row()
    {
        var a = await ArrangeJobAsync(rows: 2);
        await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        var runner = NewRunner();

        Assert.That(await runner.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));

        var row = await InstanceAsync(runner.InstanceId);
        Assert.That(row, Is.Not.Null, "the wake after the job ended beat");
        Assert.That((row!.StartedAt, row.LastSeenAt), Is.EqualTo((Now, Now)));
    }

    [Test]
    public async Task The_row_is_renewed_at_most_once_a_second_and_keeps_its_start()
    {
        var id = "test/" + Guid.NewGuid().ToString("N");
        var started = Now;
        await Heartbeat.BeatAsync(id, 2, CancellationToken.None);

        Advance(TimeSpan.FromMilliseconds(500));
        await Heartbeat.BeatAsync(id, 3, CancellationToken.None);
        var early = await InstanceAsync(id);

        Advance(TimeSpan.FromMilliseconds(600));
        await Heartbeat.BeatAsync(id, 3, CancellationToken.None);
        var renewed = await InstanceAsync(id);

        Assert.That((early!.LastSeenAt, early.JobsRunning), Is.EqualTo((started, 2)), "half a second later the beat stayed in memory");
        Assert.That((renewed!.StartedAt, renewed.LastSeenAt, renewed.JobsRunning), Is.EqualTo((started, Now, 3)));
        Assert.That(Heartbeat.LastAliveAt, Is.EqualTo(Factory.Clock.GetUtcNow()), "every beat marks the loop alive");
    }

    [Test]
    public async Task Instances_not_seen_for_the_retention_are_pruned_by_another_instances_beat()
    {
        var gone = "test/gone-" + Guid.NewGuid().ToString("N");
        var here = "test/here-" + Guid.NewGuid().ToString("N");
        await Heartbeat.BeatAsync(gone, 0, CancellationToken.None);

        Advance(TimeSpan.FromHours(25));
        await Heartbeat.BeatAsync(here, 0, CancellationToken.None);

        Assert.That(await InstanceAsync(gone), Is.Null);
        Assert.That(await InstanceAsync(here), Is.Not.Null);
    }

    [Test]
    public async Task The_loop_shows_itself_alive_on_each_wake_while_a_long_job_keeps_its_iteration_running()
    {
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            reached.TrySetResult();
            await hanging.Task.WaitAsync(context.RequestAborted);
            await LocalHttpServer.Status(200, "{}", "application/json")(context);
        });
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        await ArrangeWithDefinitionAsync(a,
            $"{{'steps':[{{'id':'a1','type':'api_call','method':'POST','url':'http://127.0.0.1:{server.Port}/calls','body':'{{}}','saveAs':'crm','next':'t1'}},"
            + "{'id':'t1','type':'tag','disposition':'Synced'}]}");

        var run = NewRunner(new RuntimeOptions { PollIntervalMilliseconds = 20 }).RunOnceAsync(CancellationToken.None);
        try
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Advance(TimeSpan.FromMinutes(1));
            var later = Factory.Clock.GetUtcNow();
            for (var i = 0; i < 400 && Heartbeat.LastAliveAt != later; i++)
            {
                await Task.Delay(25);
            }

            Assert.That(Heartbeat.LastAliveAt, Is.EqualTo(later), "a poll wake inside the iteration beat");
            Assert.That(run.IsCompleted, Is.False, "the iteration is still running its job");
        }
        finally
        {
            hanging.TrySetResult();
            await run.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
