using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Platform;

/// <summary>
/// docs/api.md#conventions: a page far past the end is an empty page, whatever its number. The offset of
/// <c>page=2147483647&amp;pageSize=100</c> does not fit in 32 bits; computed in 32 bits it went negative.
/// </summary>
public sealed class PagingTests : ApiTestBase
{
    private const string Huge = "page=2147483647&pageSize=100";

    private Signed _admin = null!;
    private string _projectId = null!;
    private string _tableId = null!;

    [OneTimeSetUp]
    public async Task CreateAnOrganizationWithAProject()
    {
        _admin = await SignUpAsync();
        var project = await PostAsync("/api/v1/projects", new { name = "Paging", type = "outreach" }, _admin.AccessToken);
        Assert.That(project.StatusCode, Is.EqualTo(HttpStatusCode.Created), await project.Content.ReadAsStringAsync());
        _projectId = (string)(await JsonAsync(project))["id"]!;
        var table = await PostAsync($"/api/v1/projects/{_projectId}/data-tables", new { name = "Contacts", columns = new[] { "name" } }, _admin.AccessToken);
        Assert.That(table.StatusCode, Is.EqualTo(HttpStatusCode.Created), await table.Content.ReadAsStringAsync());
        _tableId = (string)(await JsonAsync(table))["id"]!;
        await RateLimiting.ApiKeyRateLimitTests.CreateKeyAsync(Client, _admin.AccessToken);
    }

    [TestCase("/api/v1/projects")]
    [TestCase("/api/v1/permissions")]
    [TestCase("/api/v1/roles")]
    [TestCase("/api/v1/users")]
    [TestCase("/api/v1/api-keys")]
    [TestCase("/api/v1/projects/{project}/data-tables")]
    [TestCase("/api/v1/projects/{project}/spinners")]
    [TestCase("/api/v1/projects/{project}/jobs")]
    [TestCase("/api/v1/data-tables/{table}/rows")]
    [TestCase("/api/v1/audit-events")]
    public async Task A_page_whose_offset_overflows_32_bits_is_an_empty_page_with_the_true_total(string route)
    {
        var url = route.Replace("{project}", _projectId, StringComparison.Ordinal).Replace("{table}", _tableId, StringComparison.Ordinal);
        var first = await GetOkAsync($"{url}?pageSize=100");

        var huge = await GetOkAsync($"{url}?{Huge}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(huge["items"]!.AsArray(), Is.Empty);
            Assert.That((int?)huge["page"], Is.EqualTo(int.MaxValue));
            Assert.That((int?)huge["pageSize"], Is.EqualTo(100));
            Assert.That((int?)huge["total"], Is.EqualTo((int?)first["total"]));
        }
    }

    private async Task<JsonNode> GetOkAsync(string url)
    {
        var response = await GetAsync(url, _admin.AccessToken);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!;
    }
}
