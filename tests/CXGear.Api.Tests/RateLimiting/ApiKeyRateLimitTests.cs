using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.RateLimiting;

/// <summary>docs/api.md#rate-limits: /public/* per API key (here 5 a minute); one key's burst never touches another key.</summary>
public sealed class ApiKeyRateLimitTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["RateLimits:ApiKeyPerMinute"] = "5";
        factory.Settings["Plans:Trial:ApiKeys"] = "unlimited";
    }

    internal static async Task<(string Id, string Secret)> CreateKeyAsync(HttpClient client, string adminToken, string name = "CRM")
    {
        var response = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/api-keys", new { name, scopes = new[] { "ingest" } }, adminToken));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        return ((string)body["key"]!["id"]!, (string)body["secret"]!);
    }

    internal static Task<HttpResponseMessage> IngestAsync(HttpClient client, string secret) =>
        client.SendAsync(Request(HttpMethod.Post, "/api/v1/public/ingest", new { dataTableId = Guid.NewGuid(), records = new[] { new { name = "Ada" } } }, secret));

    [Test]
    public async Task The_sixth_request_of_a_key_is_rate_limited_while_other_keys_pass()
    {
        var org = await SignUpAsync();
        var otherOrg = await SignUpAsync();
        var keyA = await CreateKeyAsync(Client, org.AccessToken, "A");
        var keyB = await CreateKeyAsync(Client, org.AccessToken, "B");
        var keyC = await CreateKeyAsync(Client, otherOrg.AccessToken, "C");

        var remaining = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var allowed = await IngestAsync(Client, keyA.Secret);
            // Authenticated and in scope; the table does not exist.
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), await allowed.Content.ReadAsStringAsync());
            remaining.Add(RateLimitAssert.Header(allowed, 5).Remaining);
        }

        var limited = await IngestAsync(Client, keyA.Secret);
        var sameOrg = await IngestAsync(Client, keyB.Secret);
        var otherOrgKey = await IngestAsync(Client, keyC.Secret);

        Assert.That(remaining, Is.EqualTo(new[] { 4, 3, 2, 1, 0 }));
        await RateLimitAssert.RejectedAsync(limited, 5);
        Assert.That(sameOrg.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(RateLimitAssert.Header(sameOrg, 5).Remaining, Is.EqualTo(4));
        Assert.That(otherOrgKey.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(RateLimitAssert.Header(otherOrgKey, 5).Remaining, Is.EqualTo(4));
    }
}
