using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Spinners;

namespace CXGear.Api.Tests.Jobs;

/// <summary>A published spinner over a table with rows, and helpers that run, trigger and read jobs as a client would.</summary>
public abstract class JobsTestBase : SpinnersTestBase
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected sealed record Arranged(Infrastructure.Signed Admin, string ProjectId, string TableId, string SpinnerId);

    /// <summary>A table of <paramref name="rows"/> rows (name, phone, city) and a spinner over it, published unless told.</summary>
    protected async Task<Arranged> ArrangeJobAsync(int rows = 3, bool publish = true)
    {
        var (admin, project, table, spinner) = await ArrangeSpinnerAsync();
        await ImportAsync(admin.AccessToken, table, Csv(rows));
        if (publish)
        {
            await PublishAsync(admin.AccessToken, spinner);
        }

        return new Arranged(admin, project, table, spinner);
    }

    protected static string Csv(int rows)
    {
        var csv = new StringBuilder("name,phone,city\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append($"Name {i},+1555{i:D4},City {i}\n");
        }

        return csv.ToString();
    }

    protected Task<HttpResponseMessage> RunRawAsync(string token, string spinnerId) => PostAsync($"/api/v1/spinners/{spinnerId}/run", token: token);

    /// <summary>Runs the spinner and checks the 202 answer; returns the job id.</summary>
    protected async Task<string> RunAsync(string token, string spinnerId) => await QueuedAsync(await RunRawAsync(token, spinnerId));

    protected static async Task<string> QueuedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        var body = JsonNode.Parse(text)!;
        Assert.That(((bool?)body["ok"], (string?)body["status"]), Is.EqualTo(((bool?)true, "queued")), text);
        return (string)body["jobId"]!;
    }

    protected async Task<string> KeyAsync(string token, params string[] scopes)
    {
        var key = await PostAsync("/api/v1/api-keys", new { name = "CRM", scopes }, token);
        Assert.That(key.StatusCode, Is.EqualTo(HttpStatusCode.Created), await key.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(key))["secret"]!;
    }

    protected Task<HttpResponseMessage> TriggerRawAsync(string key, string spinnerId, object? body = null) =>
        PostAsync($"/api/v1/public/trigger/{spinnerId}", body, key);

    protected async Task<JsonNode> JobAsync(string token, string jobId)
    {
        var response = await GetAsync($"/api/v1/jobs/{jobId}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task<JsonNode> JobRecordsAsync(string token, string jobId, string query = "")
    {
        var response = await GetAsync($"/api/v1/jobs/{jobId}/records{query}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task<JsonNode> JobsAsync(string token, string projectId)
    {
        var response = await GetAsync($"/api/v1/projects/{projectId}/jobs", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    /// <summary>(jobs used, records used) this month.</summary>
    protected async Task<(long Jobs, long Records)> MonthlyMetersAsync(string token)
    {
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", token));
        long Used(string name) => (long)billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == name)!["used"]!;
        return (Used("jobs"), Used("records"));
    }

    /// <summary>Each record's payload as compact JSON.</summary>
    protected static string[] Payloads(JsonNode page) =>
        page["items"]!.AsArray().Select(r => r!["payload"]!.ToJsonString(Relaxed)).ToArray();
}
