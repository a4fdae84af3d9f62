using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Runtime;
using CXGear.Application.Jobs.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Admin;

/// <summary>
/// GET /admin/runtime: instances from their heartbeats, jobs running from the jobs themselves, and each organization's
/// queue (depth and oldest age) — numbers arranged here and read back exactly. Access is covered with the other admin
/// routes in <see cref="AdminAccessTests"/>.
/// </summary>
public sealed class AdminRuntimeTests : RuntimeTestBase
{
    private readonly string _operatorEmail = UniqueEmail("ops");

    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Operators:BootstrapEmail"] = _operatorEmail;
        factory.Settings["Operators:BootstrapPassword"] = AdminTestBase.OperatorPassword;
    }

    private RuntimeHeartbeat Heartbeat => Factory.Services.GetRequiredService<RuntimeHeartbeat>();

    private async Task<JsonNode> RuntimeAsync(string token)
    {
        var response = await GetAsync("/api/v1/admin/runtime", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    [Test]
    public async Task The_operator_sees_instances_jobs_running_and_each_organizations_queue()
    {
        var t0 = Factory.Clock.GetUtcNow();
        var dead = "ops-test/dead-" + Guid.NewGuid().ToString("N");
        await Heartbeat.BeatAsync(dead, 0, CancellationToken.None);

        var busy = await ArrangeJobAsync(rows: 2);
        await RunAsync(busy.Admin.AccessToken, busy.SpinnerId);
        Advance(TimeSpan.FromSeconds(30));
        await RunAsync(busy.Admin.AccessToken, busy.SpinnerId);
        var other = await ArrangeJobAsync(rows: 1);
        var held = await RunAsync(other.Admin.AccessToken, other.SpinnerId);
        var runner = NewRunner();
        Assert.That(await runner.TryClaimAsync(Guid.Parse(held), CancellationToken.None), Is.True);

        Advance(TimeSpan.FromSeconds(10));
        await Heartbeat.BeatAsync(runner.InstanceId, 1, CancellationToken.None);
        var signed = await LoginAsync(_operatorEmail, AdminTestBase.OperatorPassword, deviceLabel: "Ops console", takeover: true);

        var body = await RuntimeAsync(signed.AccessToken);

        Assert.That(((int?)body["jobsQueued"], (int?)body["jobsRunning"], (double?)body["oldestQueuedAgeSeconds"]), Is.EqualTo(((int?)2, (int?)1, (double?)40)));
        var instances = body["instances"]!.AsArray();
        Assert.That(instances.Select(i => ((string?)i!["id"], (bool?)i["alive"], (int?)i["jobsRunning"])),
            Is.EqualTo(new[] { (runner.InstanceId, (bool?)true, (int?)1), (dead, (bool?)false, (int?)0) }), "alive first");
        Assert.That(((DateTimeOffset?)instances[1]!["startedAt"], (DateTimeOffset?)instances[1]!["lastSeenAt"]), Is.EqualTo(((DateTimeOffset?)t0, (DateTimeOffset?)t0)));
        Assert.That((DateTimeOffset?)instances[0]!["lastSeenAt"], Is.EqualTo(Factory.Clock.GetUtcNow()));

        var organizations = body["organizations"]!.AsArray();
        Assert.That(organizations.Select(o => ((string?)o!["id"], (int?)o["queued"], (double?)o["oldestQueuedAgeSeconds"], (int?)o["running"])), Is.EqualTo(new[]
        {
            (busy.Admin.OrganizationId, (int?)2, (double?)40, (int?)0),
            (other.Admin.OrganizationId, (int?)0, (double?)null, (int?)1),
        }), "the longest-waiting queue first");
        Assert.That((string?)organizations[0]!["name"], Is.EqualTo((string?)busy.Admin.Body["organization"]!["name"]));
    }
}
