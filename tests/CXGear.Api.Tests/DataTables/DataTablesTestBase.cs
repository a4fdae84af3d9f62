using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.DataTables;

/// <summary>Speaks the data-table routes as a client would: projects, tables, CSV bodies, rows.</summary>
public abstract class DataTablesTestBase : ApiTestBase
{
    protected async Task<string> CreateProjectAsync(string token)
    {
        var response = await PostAsync("/api/v1/projects", new { name = "Leads", type = "outreach" }, token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["id"]!;
    }

    protected Task<HttpResponseMessage> CreateTableRawAsync(string token, string projectId, string name = "Contacts", string[]? columns = null) =>
        PostAsync($"/api/v1/projects/{projectId}/data-tables", new { name, columns }, token);

    protected async Task<string> CreateTableAsync(string token, string projectId, string name = "Contacts", string[]? columns = null)
    {
        var response = await CreateTableRawAsync(token, projectId, name, columns);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["id"]!;
    }

    /// <summary>A signed-up admin with one project and one empty table.</summary>
    protected async Task<(Signed Admin, string ProjectId, string TableId)> ArrangeTableAsync(string[]? columns = null)
    {
        var admin = await SignUpAsync();
        var project = await CreateProjectAsync(admin.AccessToken);
        var table = await CreateTableAsync(admin.AccessToken, project, columns: columns);
        return (admin, project, table);
    }

    protected Task<HttpResponseMessage> CsvAsync(string token, string url, string csv, bool bom = false) =>
        CsvBytesAsync(token, url, (bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(csv)).ToArray());

    protected Task<HttpResponseMessage> CsvBytesAsync(string token, string url, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return SendContentAsync(token, url, content);
    }

    protected Task<HttpResponseMessage> MultipartCsvAsync(string token, string url, string csv)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("a note"), "comment" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "contacts.csv");
        return SendContentAsync(token, url, form);
    }

    protected Task<HttpResponseMessage> SendContentAsync(string token, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    protected async Task<JsonNode> ImportAsync(string token, string tableId, string csv, bool replace = false)
    {
        var response = await CsvAsync(token, $"/api/v1/data-tables/{tableId}/import{(replace ? "?replace=true" : "")}", csv);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task<JsonNode> RowsAsync(string token, string tableId, string query = "")
    {
        var response = await GetAsync($"/api/v1/data-tables/{tableId}/rows{query}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task<JsonNode> TableAsync(string token, string tableId) =>
        await JsonAsync(await GetAsync($"/api/v1/data-tables/{tableId}", token));

    protected static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();

    /// <summary>A row's values as "column=value" pairs, in the order the API returned them.</summary>
    protected static string[] Values(JsonNode row) =>
        row["values"]!.AsObject().Select(p => $"{p.Key}={p.Value?.ToString() ?? "null"}").ToArray();
}
