using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Runtime;

namespace CXGear.Api.Tests.Auditing;

/// <summary>The contract's resource events in <c>GET /audit-events</c>: projects, tables, ingest tokens, publishes, archives, runs.</summary>
public sealed class ResourceAuditEventsTests : RuntimeTestBase
{
    private async Task<JsonNode[]> EventsAsync(string token, string type)
    {
        var response = await GetAsync($"/api/v1/audit-events?type={type}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(e => e!).ToArray();
    }

    [Test]
    public async Task Projects_tables_ingest_tokens_publishes_archives_and_runs_are_audited()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var rotated = await PostAsync($"/api/v1/data-tables/{a.TableId}/ingest-webhook/rotate", token: token);
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotated.Content.ReadAsStringAsync());
        var secret = (string)(await JsonAsync(rotated))["token"]!;
        var jobId = await RunAsync(token, a.SpinnerId);
        var key = await KeyAsync(token, "trigger");
        var triggered = await QueuedAsync(await TriggerRawAsync(key, a.SpinnerId));
        await Runner.RunOnceAsync(CancellationToken.None);
        await Runner.RunOnceAsync(CancellationToken.None);
        await SendAsync(HttpMethod.Delete, $"/api/v1/spinners/{a.SpinnerId}", token: token);
        var spare = await CreateTableAsync(token, a.ProjectId, "Spare");
        var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/data-tables/{spare}", token: token);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());

        var project = (await EventsAsync(token, "project.created")).Single();
        Assert.That(((string?)project["data"]!["projectId"], (string?)project["actorEmail"]), Is.EqualTo((a.ProjectId, a.Admin.Email)));
        Assert.That((await EventsAsync(token, "data_table.created")).Select(e => (string?)e["data"]!["dataTableId"]), Is.EquivalentTo(new[] { spare, a.TableId }));
        Assert.That((await EventsAsync(token, "data_table.deleted")).Select(e => (string?)e["data"]!["dataTableId"]), Is.EqualTo(new[] { spare }));
        var rotation = (await EventsAsync(token, "data_table.ingest_token_rotated")).Single();
        Assert.That((string?)rotation["data"]!["dataTableId"], Is.EqualTo(a.TableId));
        Assert.That(rotation["data"]!.ToJsonString(), Does.Not.Contain(secret), "the token itself is never audited");
        var published = (await EventsAsync(token, "spinner.published")).Single();
        Assert.That(((string?)published["data"]!["spinnerId"], (int?)published["data"]!["version"]), Is.EqualTo(((string?)a.SpinnerId, (int?)1)));
        Assert.That((string?)(await EventsAsync(token, "spinner.archived")).Single()["data"]!["spinnerId"], Is.EqualTo(a.SpinnerId));
        var runs = await EventsAsync(token, "job.queued");
        Assert.That(
            runs.Select(e => ((string?)e["data"]!["jobId"], (string?)e["data"]!["origin"], (int?)e["data"]!["records"])),
            Is.EquivalentTo(new[] { ((string?)triggered, (string?)"api", (int?)2), ((string?)jobId, (string?)"manual", (int?)2) }));
    }
}
