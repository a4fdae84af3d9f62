using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Runtime;

namespace CXGear.Api.Tests.Records;

/// <summary><c>GET /projects/{id}/records</c>, <c>GET /records/{id}</c>, the journey's additions and the spinner's name on job reads.</summary>
public sealed class RecordRoutesTests : RuntimeTestBase
{
    private async Task<JsonNode> ProjectRecordsAsync(string token, string projectId, string query = "")
    {
        var response = await GetAsync($"/api/v1/projects/{projectId}/records{query}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private static string[] Keys(JsonNode page) =>
        page["items"]!.AsArray().Select(r => $"{((string)r!["jobId"]!)[^4..]}#{r["sequence"]}").ToArray();

    private static string Key(string jobId, int sequence) => $"{jobId[^4..]}#{sequence}";

    [Test]
    public async Task The_projects_records_come_newest_job_first_then_by_sequence_and_page_with_the_total()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        var first = await RunAsync(token, a.SpinnerId);
        Advance(TimeSpan.FromSeconds(1));
        var second = await RunAsync(token, a.SpinnerId);

        var all = await ProjectRecordsAsync(token, a.ProjectId);
        Assert.That(Keys(all), Is.EqualTo(new[] { Key(second, 1), Key(second, 2), Key(second, 3), Key(first, 1), Key(first, 2), Key(first, 3) }));
        Assert.That(((int?)all["total"], (int?)all["page"], (int?)all["pageSize"]), Is.EqualTo(((int?)6, (int?)1, (int?)50)));

        Assert.That(Keys(await ProjectRecordsAsync(token, a.ProjectId, "?pageSize=4")), Is.EqualTo(new[] { Key(second, 1), Key(second, 2), Key(second, 3), Key(first, 1) }));
        Assert.That(Keys(await ProjectRecordsAsync(token, a.ProjectId, "?page=2&pageSize=2")), Is.EqualTo(new[] { Key(second, 3), Key(first, 1) }));
        Assert.That(Keys(await ProjectRecordsAsync(token, a.ProjectId, "?page=3&pageSize=2")), Is.EqualTo(new[] { Key(first, 2), Key(first, 3) }));
        var page = await ProjectRecordsAsync(token, a.ProjectId, "?page=2&pageSize=4");
        Assert.That(Keys(page), Is.EqualTo(new[] { Key(first, 2), Key(first, 3) }));
        Assert.That((int?)page["total"], Is.EqualTo(6));
        var past = await ProjectRecordsAsync(token, a.ProjectId, "?page=3&pageSize=4");
        Assert.That(((int?)past["items"]!.AsArray().Count, (int?)past["total"]), Is.EqualTo(((int?)0, (int?)6)));
    }

    [Test]
    public async Task A_record_names_its_job_spinner_and_version_and_carries_payload_outputs_times_and_duration()
    {
        var a = await ArrangeJobAsync(rows: 2);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);

        var item = (await ProjectRecordsAsync(token, a.ProjectId))["items"]![0]!;
        var response = await GetAsync($"/api/v1/records/{item["id"]}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var record = await JsonAsync(response);

        Assert.That(record.ToJsonString(), Is.EqualTo(item.ToJsonString()), "one shape for the list and the single read");
        Assert.That(
            ((string?)record["jobId"], (string?)record["spinnerId"], (string?)record["spinnerName"], (int?)record["spinnerVersion"], (long?)record["sequence"]),
            Is.EqualTo(((string?)jobId, (string?)a.SpinnerId, (string?)"Outreach", (int?)1, (long?)1)));
        Assert.That(
            ((string?)record["status"], (string?)record["disposition"], (string?)record["error"], (string?)record["payload"]!["name"], (string?)record["outputs"]!["disposition"]),
            Is.EqualTo(((string?)"completed", (string?)"Contacted", (string?)null, (string?)"Name 1", (string?)"Contacted")));
        var started = (DateTime)record["startedAt"]!;
        var ended = (DateTime)record["endedAt"]!;
        Assert.That((long?)record["durationMs"], Is.EqualTo((long)(ended - started).TotalMilliseconds));
        Assert.That((DateTime?)record["createdAt"], Is.EqualTo((DateTime?)(await JobAsync(token, jobId))["createdAt"]));

        // The job's own records list has the same shape.
        var viaJob = (await JobRecordsAsync(token, jobId))["items"]![0]!;
        Assert.That(viaJob.ToJsonString(), Is.EqualTo(record.ToJsonString()));
    }

    [Test]
    public async Task A_pending_record_has_no_times_duration_or_outputs()
    {
        var a = await ArrangeJobAsync(rows: 1);
        await RunAsync(a.Admin.AccessToken, a.SpinnerId);

        var record = (await ProjectRecordsAsync(a.Admin.AccessToken, a.ProjectId))["items"]![0]!;

        Assert.That(
            ((string?)record["status"], record["startedAt"], record["endedAt"], record["durationMs"], record["outputs"]),
            Is.EqualTo(((string?)"pending", (JsonNode?)null, (JsonNode?)null, (JsonNode?)null, (JsonNode?)null)));
    }

    [Test]
    public async Task Filters_by_job_spinner_status_disposition_and_time_window()
    {
        var a = await ArrangeJobAsync(rows: 3);
        var token = a.Admin.AccessToken;
        var routed = await CreateSpinnerAsync(token, a.ProjectId, a.TableId, "Router", RouteByCity);
        await PublishAsync(token, routed);

        var tagged = await RunAsync(token, a.SpinnerId);
        var routedJob = await RunAsync(token, routed);
        await Runner.RunOnceAsync(CancellationToken.None);
        await Runner.RunOnceAsync(CancellationToken.None);
        Advance(TimeSpan.FromMinutes(5));
        var boundary = Factory.Clock.GetUtcNow().UtcDateTime;
        var queued = await RunAsync(token, a.SpinnerId);

        async Task<string[]> Filtered(string query) => Keys(await ProjectRecordsAsync(token, a.ProjectId, query));

        Assert.That(await Filtered($"?jobId={routedJob}"), Is.EqualTo(new[] { Key(routedJob, 1), Key(routedJob, 2), Key(routedJob, 3) }));
        Assert.That(await Filtered($"?spinnerId={routed}"), Is.EqualTo(new[] { Key(routedJob, 1), Key(routedJob, 2), Key(routedJob, 3) }));
        Assert.That(await Filtered($"?spinnerId={a.SpinnerId}"), Has.Length.EqualTo(6));
        Assert.That(await Filtered("?status=pending"), Is.EqualTo(new[] { Key(queued, 1), Key(queued, 2), Key(queued, 3) }));
        Assert.That(await Filtered("?status=COMPLETED&disposition=Second"), Is.EqualTo(new[] { Key(routedJob, 2) }));
        Assert.That(await Filtered("?disposition=Other"), Is.EqualTo(new[] { Key(routedJob, 1), Key(routedJob, 3) }));
        Assert.That(await Filtered("?disposition=Contacted"), Is.EqualTo(new[] { Key(tagged, 1), Key(tagged, 2), Key(tagged, 3) }));

        var from = Uri.EscapeDataString(boundary.ToString("O"));
        Assert.That(await Filtered($"?from={from}"), Is.EqualTo(new[] { Key(queued, 1), Key(queued, 2), Key(queued, 3) }));
        Assert.That(await Filtered($"?to={from}"), Has.Length.EqualTo(6));
        var filtered = await ProjectRecordsAsync(token, a.ProjectId, $"?status=completed&pageSize=2&page=2");
        Assert.That(((int?)filtered["total"], filtered["items"]!.AsArray().Count), Is.EqualTo(((int?)6, 2)), "a record filter counts the matching records");
        var none = await ProjectRecordsAsync(token, a.ProjectId, $"?jobId={Guid.NewGuid()}");
        Assert.That(((int?)none["total"], none["items"]!.AsArray().Count), Is.EqualTo(((int?)0, 0)));
    }

    [TestCase("?status=running")]
    [TestCase("?status=done")]
    [TestCase("?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [TestCase("?from=yesterday")]
    [TestCase("?jobId=not-a-guid")]
    [TestCase("?pageSize=201")]
    [TestCase("?page=0")]
    public async Task Bad_filters_are_400_validation_error(string query)
    {
        var (admin, project, _) = await ArrangeTableAsync();

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{project}/records{query}", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task A_disposition_over_its_stored_length_is_400()
    {
        var (admin, project, _) = await ArrangeTableAsync();

        var problem = await AssertProblemAsync(
            await GetAsync($"/api/v1/projects/{project}/records?disposition={new string('x', 101)}", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(problem["errors"]!["disposition"], Is.Not.Null);
    }

    [Test]
    public async Task Another_organizations_project_and_record_are_404_and_no_token_is_401()
    {
        var a = await ArrangeJobAsync(rows: 1);
        await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        var recordId = (string)(await ProjectRecordsAsync(a.Admin.AccessToken, a.ProjectId))["items"]![0]!["id"]!;
        var other = (await SignUpAsync()).AccessToken;

        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{a.ProjectId}/records", other), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/records/{recordId}", other), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/records/{Guid.NewGuid()}", a.Admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{Guid.NewGuid()}/records", a.Admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/projects/{a.ProjectId}/records"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/records/{recordId}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Test]
    public async Task The_journey_adds_the_records_start_end_duration_and_final_outputs()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);
        var recordId = (string)(await JobRecordsAsync(token, jobId))["items"]![0]!["id"]!;
        var pending = await JsonAsync(await GetAsync($"/api/v1/records/{recordId}/journey", token));
        Assert.That((pending["startedAt"], pending["endedAt"], pending["durationMs"], pending["outputs"]), Is.EqualTo(((JsonNode?)null, (JsonNode?)null, (JsonNode?)null, (JsonNode?)null)));

        await Runner.RunOnceAsync(CancellationToken.None);

        var journey = await JsonAsync(await GetAsync($"/api/v1/records/{recordId}/journey", token));
        var record = await JsonAsync(await GetAsync($"/api/v1/records/{recordId}", token));
        Assert.That(
            ((DateTime?)journey["startedAt"], (DateTime?)journey["endedAt"], (long?)journey["durationMs"], journey["outputs"]!.ToJsonString()),
            Is.EqualTo(((DateTime?)record["startedAt"], (DateTime?)record["endedAt"], (long?)record["durationMs"], record["outputs"]!.ToJsonString())));
        Assert.That(((string?)journey["outputs"]!["disposition"], journey["events"]!.AsArray().Count), Is.EqualTo(((string?)"Contacted", 2)));
    }

    [Test]
    public async Task Job_reads_name_the_spinner()
    {
        var a = await ArrangeJobAsync(rows: 1);
        var token = a.Admin.AccessToken;
        var jobId = await RunAsync(token, a.SpinnerId);

        Assert.That((string?)(await JobAsync(token, jobId))["spinnerName"], Is.EqualTo("Outreach"));
        Assert.That((string?)(await JobsAsync(token, a.ProjectId))["items"]![0]!["spinnerName"], Is.EqualTo("Outreach"));
        var cancelled = await JsonAsync(await PostAsync($"/api/v1/jobs/{jobId}/cancel", token: token));
        Assert.That((string?)cancelled["spinnerName"], Is.EqualTo("Outreach"));
        var key = await KeyAsync(token, "trigger");
        Assert.That((string?)(await JsonAsync(await GetAsync($"/api/v1/public/jobs/{jobId}", key)))["spinnerName"], Is.EqualTo("Outreach"));
    }
}
