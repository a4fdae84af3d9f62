using System.Net;

namespace CXGear.Api.Tests.DataTables;

/// <summary><c>POST /public/data-tables/ingest/{token}</c>: the table's own webhook, authenticated by its <c>cxgt_</c> token.</summary>
public sealed class WebhookIngestTests : PublicIngestTestBase
{
    private async Task<string> RotateAsync(Arranged arranged)
    {
        var response = await PostAsync($"/api/v1/data-tables/{arranged.TableId}/ingest-webhook/rotate", token: arranged.Admin.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(response))["token"]!;
    }

    private Task<HttpResponseMessage> WebhookAsync(string token, object records, string? idempotencyKey = null) =>
        SendJsonAsync($"/api/v1/public/data-tables/ingest/{token}", new { records }, idempotencyKey: idempotencyKey);

    [Test]
    public async Task The_token_in_the_path_or_the_header_writes_to_its_table_and_records_its_use()
    {
        var arranged = await ArrangeAsync();
        var token = await RotateAsync(arranged);

        await OkAsync(await WebhookAsync(token, Records(3)), 3);
        var viaHeader = Request(HttpMethod.Post, "/api/v1/public/data-tables/ingest", new { records = Records(2, 3) });
        viaHeader.Headers.Add("X-Ingest-Token", token);
        await OkAsync(await Client.SendAsync(viaHeader), 2);

        Assert.That(await RowCountAsync(arranged), Is.EqualTo(5));
        var webhook = await JsonAsync(await GetAsync($"/api/v1/data-tables/{arranged.TableId}/ingest-webhook", arranged.Admin.AccessToken));
        Assert.That((DateTime?)webhook["lastUsedAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime).Within(TimeSpan.FromSeconds(1)));
        Assert.That(Factory.Logs.Any(l => l.Contains(token, StringComparison.Ordinal)), Is.False, "the token is never logged, though it is in the path");
    }

    [Test]
    public async Task A_disabled_webhook_refuses_its_token_with_the_same_401_and_re_enabling_brings_the_same_token_back()
    {
        var arranged = await ArrangeAsync();
        var token = await RotateAsync(arranged);
        var url = $"/api/v1/data-tables/{arranged.TableId}/ingest-webhook";

        var disabled = await SendAsync(HttpMethod.Put, url, new { enabled = false }, arranged.Admin.AccessToken);
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disabled.Content.ReadAsStringAsync());
        Assert.That(((bool?)(await JsonAsync(disabled))["enabled"], (bool?)(await JsonAsync(await GetAsync(url, arranged.Admin.AccessToken)))["enabled"]), Is.EqualTo(((bool?)false, (bool?)false)));
        await AssertProblemAsync(await WebhookAsync(token, Records(1)), HttpStatusCode.Unauthorized, "INVALID_INGEST_TOKEN");
        var header = Request(HttpMethod.Post, "/api/v1/public/data-tables/ingest", new { records = Records(1) });
        header.Headers.Add("X-Ingest-Token", token);
        await AssertProblemAsync(await Client.SendAsync(header), HttpStatusCode.Unauthorized, "INVALID_INGEST_TOKEN");

        var enabled = await SendAsync(HttpMethod.Put, url, new { enabled = true }, arranged.Admin.AccessToken);
        Assert.That((bool?)(await JsonAsync(enabled))["enabled"], Is.True);
        await OkAsync(await WebhookAsync(token, Records(1)), 1);
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(1));
    }

    [Test]
    public async Task A_webhook_without_a_token_cannot_be_enabled_and_enabled_is_required()
    {
        var arranged = await ArrangeAsync();
        var url = $"/api/v1/data-tables/{arranged.TableId}/ingest-webhook";

        await AssertProblemAsync(await SendAsync(HttpMethod.Put, url, new { enabled = true }, arranged.Admin.AccessToken), HttpStatusCode.Conflict, "CONFLICT");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, url, new { }, arranged.Admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/v1/data-tables/{Guid.NewGuid()}/ingest-webhook", new { enabled = false }, arranged.Admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task A_rotated_malformed_forged_or_missing_token_gets_one_identical_401()
    {
        var arranged = await ArrangeAsync();
        var old = await RotateAsync(arranged);
        var current = await RotateAsync(arranged);
        var forged = current[..^7] + (current[^7] == 'a' ? 'b' : 'a') + current[^6..];

        var bodies = new List<string>();
        foreach (var token in new[] { old, forged, "cxgt_short", string.Empty })
        {
            var response = await WebhookAsync(token, Records(1));
            var body = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "INVALID_INGEST_TOKEN");
            bodies.Add((string)body["message"]!);
        }

        Assert.That(bodies.Distinct(), Has.Exactly(1).Items);
        Assert.That(await RowCountAsync(arranged), Is.Zero);
        await OkAsync(await WebhookAsync(current, Records(1)), 1);
    }

    [Test]
    public async Task The_webhook_follows_the_batch_rules_and_writes_nothing_on_a_bad_batch()
    {
        var arranged = await ArrangeAsync();
        var token = await RotateAsync(arranged);

        await AssertProblemAsync(await WebhookAsync(token, Records(501)), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await WebhookAsync(token, new[] { new { unknown = 1 } }), HttpStatusCode.BadRequest, "SCHEMA_MISMATCH");
        var nested = await AssertProblemAsync(await WebhookAsync(token, new[] { new { name = new[] { 1 } } }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(nested["errors"]!["records[0].name"], Is.Not.Null);
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task Idempotency_keys_are_scoped_to_the_table_token()
    {
        var first = await ArrangeAsync();
        var second = await ArrangeAsync();
        var firstToken = await RotateAsync(first);
        var secondToken = await RotateAsync(second);

        await OkAsync(await WebhookAsync(firstToken, Records(4), idempotencyKey: "same"), 4);
        var replay = await WebhookAsync(firstToken, Records(4), idempotencyKey: "same");
        await OkAsync(await WebhookAsync(secondToken, Records(4), idempotencyKey: "same"), 4);

        await OkAsync(replay, 4);
        Assert.That(replay.Headers.Contains("Idempotency-Replayed"), Is.True);
        Assert.That(await RowCountAsync(first), Is.EqualTo(4));
        Assert.That(await RowCountAsync(second), Is.EqualTo(4));
    }

    [Test]
    public async Task A_table_token_is_not_an_api_key()
    {
        var arranged = await ArrangeAsync();
        var token = await RotateAsync(arranged);

        await AssertProblemAsync(await IngestAsync(token, arranged.TableId, Records(1)), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        await AssertProblemAsync(await GetAsync("/api/v1/me", token), HttpStatusCode.Unauthorized, "TOKEN_INVALID");
    }
}
