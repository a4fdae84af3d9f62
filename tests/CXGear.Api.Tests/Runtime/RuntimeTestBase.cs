using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Jobs;
using CXGear.Application.Jobs.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Api.Tests.Runtime;

/// <summary>Runs jobs with <see cref="JobRunner"/> and reads them back through the job routes.</summary>
public abstract class RuntimeTestBase : JobsTestBase
{
    /// <summary>Rows of city "City 2" end "Second", the others "Other".</summary>
    protected const string RouteByCity =
        "{'steps':[{'id':'d1','type':'decision','branches':[{'when':{'field':'payload.city','equals':'City 2'},'next':'two'}],'default':'other'},"
        + "{'id':'two','type':'tag','disposition':'Second'},{'id':'other','type':'tag','disposition':'Other'}]}";

    protected JobRunner Runner => Factory.Services.GetRequiredService<JobRunner>();

    protected JobRunner NewRunner() => ActivatorUtilities.CreateInstance<JobRunner>(Factory.Services);

    protected async Task<JsonNode[]> RecordsAsync(string token, string jobId) =>
        (await JobRecordsAsync(token, jobId))["items"]!.AsArray().Select(r => r!).ToArray();

    protected async Task<string[]> JourneyAsync(string token, string recordId)
    {
        var response = await GetAsync($"/api/v1/records/{recordId}/journey", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["events"]!.AsArray().Select(e => $"{e!["stepId"]}:{e["outcome"]}:{e["message"]}").ToArray();
    }

    /// <summary>Journey events of these jobs' records (the host, and so the database, is shared by the fixture's tests).</summary>
    protected Task<int> EventCountAsync(params string[] jobIds)
    {
        var ids = jobIds.Select(Guid.Parse).ToList();
        return Seed.CountAsync(Factory, db => db.RecordEvents.IgnoreQueryFilters()
            .Where(e => db.JobRecords.IgnoreQueryFilters().Any(r => r.Id == e.RecordId && ids.Contains(r.JobId))));
    }

    protected async Task<string> ArrangeWithDefinitionAsync(Arranged a, string definition)
    {
        var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{a.SpinnerId}", new { name = "Outreach", definition = Def(definition) }, a.Admin.AccessToken);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        await PublishAsync(a.Admin.AccessToken, a.SpinnerId);
        return await RunAsync(a.Admin.AccessToken, a.SpinnerId);
    }

    /// <summary>A runner of this host with its own options (batch sizes, flush interval).</summary>
    protected JobRunner NewRunner(RuntimeOptions options) => ActivatorUtilities.CreateInstance<JobRunner>(Factory.Services, Options.Create(options));
}
