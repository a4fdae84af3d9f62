using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.DataTables;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Spinners;

/// <summary>Speaks the spinner routes as a client would, on top of projects and tables.</summary>
public abstract class SpinnersTestBase : DataTablesTestBase
{
    /// <summary>A log step then a tag: the contract's own example.</summary>
    protected const string LogThenTag =
        "{'steps':[{'id':'s1','type':'log','message':'Hi {{name}}','next':'s2'},{'id':'s2','type':'tag','disposition':'Contacted'}]}";

    /// <summary>A definition written with single quotes, as JSON.</summary>
    protected static JsonNode Def(string singleQuoted) => JsonNode.Parse(singleQuoted.Replace('\'', '"'))!;

    protected Task<HttpResponseMessage> CreateSpinnerRawAsync(string token, string projectId, object body) =>
        PostAsync($"/api/v1/projects/{projectId}/spinners", body, token);

    protected async Task<string> CreateSpinnerAsync(
        string token, string projectId, string tableId, string name = "Outreach", string definition = LogThenTag, string? parentSpinnerId = null, object? startWhen = null)
    {
        var response = await CreateSpinnerRawAsync(token, projectId, new { name, dataTableId = tableId, definition = Def(definition), parentSpinnerId, startWhen });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["id"]!;
    }

    protected Task<HttpResponseMessage> PublishRawAsync(string token, string spinnerId) =>
        PostAsync($"/api/v1/spinners/{spinnerId}/publish", token: token);

    protected async Task<int> PublishAsync(string token, string spinnerId)
    {
        var response = await PublishRawAsync(token, spinnerId);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (int)(await JsonAsync(response))["version"]!;
    }

    protected async Task<JsonNode> SpinnerAsync(string token, string spinnerId)
    {
        var response = await GetAsync($"/api/v1/spinners/{spinnerId}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected Task<HttpResponseMessage> ScheduleRawAsync(string token, string spinnerId, string? cron, string? timeZone, bool? enabled = true) =>
        SendAsync(HttpMethod.Put, $"/api/v1/spinners/{spinnerId}/schedule", new { cron, timeZone, enabled }, token);

    protected async Task<(long Used, long? Limit)> SpinnersMeterAsync(string token)
    {
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", token));
        var meter = billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == "spinners")!;
        return ((long)meter["used"]!, (long?)meter["limit"]);
    }

    /// <summary>A signed-up admin with one project, one table and one draft main spinner over it.</summary>
    protected async Task<(Signed Admin, string ProjectId, string TableId, string SpinnerId)> ArrangeSpinnerAsync()
    {
        var (admin, project, table) = await ArrangeTableAsync(["name", "phone"]);
        var spinner = await CreateSpinnerAsync(admin.AccessToken, project, table);
        return (admin, project, table, spinner);
    }
}
