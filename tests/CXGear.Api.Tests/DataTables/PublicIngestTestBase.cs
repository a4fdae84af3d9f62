using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.DataTables;

/// <summary>A table with columns and an <c>ingest</c> key, and helpers that push records as a CRM would.</summary>
public abstract class PublicIngestTestBase : DataTablesTestBase
{
    protected static readonly string[] Columns = ["name", "phone", "score", "vip"];

    protected sealed record Arranged(Signed Admin, string TableId, string Key);

    protected async Task<Arranged> ArrangeAsync(bool withColumns = true)
    {
        var (admin, _, table) = await ArrangeTableAsync(withColumns ? Columns : null);
        var key = await PostAsync("/api/v1/api-keys", new { name = "CRM", scopes = new[] { "ingest" } }, admin.AccessToken);
        Assert.That(key.StatusCode, Is.EqualTo(HttpStatusCode.Created), await key.Content.ReadAsStringAsync());
        return new Arranged(admin, table, (string)(await JsonAsync(key))["secret"]!);
    }

    protected static object[] Records(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => (object)new Dictionary<string, object?> { ["name"] = $"Ada {i}", ["phone"] = $"+1555{i:D4}", ["score"] = i, ["vip"] = i % 2 == 0 }).ToArray();

    /// <summary>An ingest body of about 5.4 MB (600 records of 9,000 characters): over the route's 5 MB.</summary>
    protected static string OverFiveMegabytes(string tableId)
    {
        var padding = new string('x', 9_000);
        var json = new StringBuilder($$"""{"dataTableId":"{{tableId}}","records":[""");
        for (var i = 0; i < 600; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append($$"""{"name":"{{padding}}"}""");
        }

        return json.Append("]}").ToString();
    }

    protected Task<HttpResponseMessage> IngestAsync(string key, string tableId, object records, string? idempotencyKey = null) =>
        SendJsonAsync("/api/v1/public/ingest", new { dataTableId = tableId, records }, key, idempotencyKey);

    protected Task<HttpResponseMessage> SendJsonAsync(string url, object body, string? bearer = null, string? idempotencyKey = null, string? rawJson = null)
    {
        var request = Request(HttpMethod.Post, url, rawJson ?? (object)body, bearer);
        if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    protected async Task<long> RowCountAsync(Arranged arranged) =>
        (long)(await TableAsync(arranged.Admin.AccessToken, arranged.TableId))["rowCount"]!;

    protected static async Task<JsonNode> OkAsync(HttpResponseMessage response, int inserted)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var body = JsonNode.Parse(text)!;
        Assert.That((bool?)body["ok"], Is.True, text);
        Assert.That((int?)body["inserted"], Is.EqualTo(inserted), text);
        return body;
    }
}
