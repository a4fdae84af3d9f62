using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Jobs.Runtime;
using CXGear.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>Two API hosts (each its own services, DbContexts and runner) on one database (a SQLite file, or a PostgreSQL database), running the same queue.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class TwoHostsRuntimeTests : RuntimeTestBase
{
    public TwoHostsRuntimeTests(TestEngine engine) => Engine = engine;

    private static void Small(CXGearApiFactory factory)
    {
        // Small batches and an instant flush, so the two hosts' claims and commits interleave.
        factory.Settings["Runtime:RecordBatchSize"] = "3";
        factory.Settings["Runtime:FlushIntervalMilliseconds"] = "0";
    }

    protected override void Configure(CXGearApiFactory factory) => Small(factory);

    [Test]
    public async Task Two_hosts_on_one_database_run_each_job_exactly_once()
    {
        using var other = new CXGearApiFactory(Engine) { ConnectionString = Factory.ConnectionString };
        Small(other);
        var a = await ArrangeJobAsync(rows: 10);
        var token = a.Admin.AccessToken;
        var jobs = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            jobs.Add(await RunAsync(token, a.SpinnerId));
        }

        var first = Factory.Services.GetRequiredService<JobRunner>();
        var second = other.Services.GetRequiredService<JobRunner>();
        var ran = await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));

        Assert.That(ran.Sum(), Is.EqualTo(6), "each job ended once, by one of them");
        var logs = Factory.Logs.Concat(other.Logs).ToList();
        foreach (var jobId in jobs)
        {
            Assert.That(logs.Count(l => l.Contains($"Job {jobId} claimed by", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1), "claimed once");
            var job = await JobAsync(token, jobId);
            Assert.That(((string?)job["status"], (int?)job["succeededRecords"], (int?)job["failedRecords"]), Is.EqualTo(("completed", (int?)10, (int?)0)));
        }

        Assert.That(await EventCountAsync([.. jobs]), Is.EqualTo(6 * 10 * 2), "two journey events per record, never doubled");
    }
}
