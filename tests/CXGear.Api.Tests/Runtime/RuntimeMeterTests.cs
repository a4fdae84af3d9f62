using CXGear.Api.Tests.Infrastructure;

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

        var jobs = (await JobsAsync(token, a.ProjectId))["items"]!.AsArray().Select(j => j!).ToArray();
        Assert.That(jobs.Select(j => ((string?)j["origin"], (string?)j["status"], (int?)j["totalRecords"])), Is.EquivalentTo(new[] { ("manual", "completed", (int?)3), ("parent", "completed", (int?)1) }));
        Assert.That(await MonthlyMetersAsync(token), Is.EqualTo((2L, 4L)), "the refused child's Jobs unit was rolled back with it");
        var parent = await RecordsAsync(token, parentJob);
        Assert.That(parent.Select(r => ((string?)r["status"], (string?)r["disposition"])), Is.EqualTo(new[] { ("completed", "Other"), ("completed", "Second"), ("completed", "Other") }));
        Assert.That(Factory.Logs.Count(l => l.Contains($"Supporting spinner {child} skipped parent record", StringComparison.OrdinalIgnoreCase) && l.Contains("PLAN_LIMIT", StringComparison.Ordinal)), Is.EqualTo(1));
    }
}
