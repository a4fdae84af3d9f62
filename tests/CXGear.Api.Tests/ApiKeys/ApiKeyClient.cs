using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>A key as the create or rotate response shows it, the only time the secret is seen.</summary>
public sealed record IssuedKey(string Id, string Secret, string Prefix, JsonNode Body);

/// <summary>
/// Speaks the API-key routes for the fixtures of this folder, and remembers every secret it sees so that, after
/// each test, no captured log line may contain one (docs/api.md#api-keys: the secret appears in no log line).
/// </summary>
internal sealed class ApiKeyClient(Func<HttpMethod, string, object?, string?, Task<HttpResponseMessage>> send, CXGearApiFactory factory)
{
    private readonly ConcurrentBag<string> _secrets = [];

    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>Adds a secret the test made up (an unknown or forged key) to those the logs must not hold.</summary>
    public string Remember(string secret)
    {
        _secrets.Add(secret);
        return secret;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? token = null) =>
        send(method, url, body, token);

    public Task<HttpResponseMessage> CreateRawAsync(string token, string name = "CRM", string[]? scopes = null, DateTime? expiresAt = null) =>
        SendAsync(HttpMethod.Post, "/api/v1/api-keys", new { name, scopes = scopes ?? ["ingest"], expiresAt }, token);

    public async Task<IssuedKey> CreateAsync(string token, string name = "CRM", string[]? scopes = null, DateTime? expiresAt = null)
    {
        var response = await CreateRawAsync(token, name, scopes, expiresAt);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await IssuedAsync(response);
    }

    public Task<HttpResponseMessage> RotateRawAsync(string token, string id, object? graceSeconds) =>
        SendAsync(HttpMethod.Post, $"/api/v1/api-keys/{id}/rotate", new { graceSeconds }, token);

    public async Task<IssuedKey> RotateAsync(string token, string id, int graceSeconds)
    {
        var response = await RotateRawAsync(token, id, graceSeconds);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await IssuedAsync(response);
    }

    public Task<HttpResponseMessage> RevokeAsync(string token, string id) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}", token: token);

    public async Task<JsonNode> ListAsync(string token)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/v1/api-keys?pageSize=200", token: token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> KeyAsync(string token, string id) =>
        (await ListAsync(token))["items"]!.AsArray().Single(k => (string?)k!["id"] == id)!;

    public Task<HttpResponseMessage> IngestAsync(string? credential) =>
        SendAsync(HttpMethod.Post, "/api/v1/public/ingest", new { dataTableId = Guid.NewGuid(), records = new[] { new { name = "Ada" } } }, credential);

    public Task<HttpResponseMessage> TriggerAsync(string? credential, Guid? spinnerId = null) =>
        SendAsync(HttpMethod.Post, $"/api/v1/public/trigger/{spinnerId ?? Guid.NewGuid()}", token: credential);

    /// <summary>
    /// An ingest key that authenticates and holds its scope reaches the handler, which answers 404 for the table
    /// (data tables do not exist yet); anything else means the key was refused.
    /// </summary>
    public async Task AssertIngestAcceptedAsync(string secret, string because = "the key should work")
    {
        var response = await IngestAsync(secret);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{because}: {text}");
        Assert.That((string?)JsonNode.Parse(text)!["detail"], Does.StartWith("Data table "), because);
    }

    public async Task AssertRefusedAsync(string secret, string because = "the key should be refused")
    {
        var response = await IngestAsync(secret);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{because}: {text}");
        Assert.That((string?)JsonNode.Parse(text)!["errorCode"], Is.EqualTo("INVALID_API_KEY"), because);
    }

    /// <summary>Every secret seen so far is absent from every captured log line.</summary>
    public void AssertNoSecretLogged()
    {
        Assert.That(factory.Logs, Is.Not.Empty, "the capturing logger saw nothing, so this check would prove nothing");
        var logs = string.Join("\n", factory.Logs);
        foreach (var secret in _secrets)
        {
            Assert.That(logs, Does.Not.Contain(secret), "a log line holds an API key secret");
            if (secret.Length > 12)
            {
                // What follows the lookup prefix is the private part; no log may hold it either.
                Assert.That(logs, Does.Not.Contain(secret[12..]), "a log line holds the private part of an API key");
            }
        }
    }

    private async Task<IssuedKey> IssuedAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var issued = new IssuedKey((string)body["key"]!["id"]!, (string)body["secret"]!, (string)body["key"]!["prefix"]!, body);
        _secrets.Add(issued.Secret);
        return issued;
    }
}
