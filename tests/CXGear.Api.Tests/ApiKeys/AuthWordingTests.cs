using System.Net;
using System.Text.Json.Nodes;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>
/// docs/api.md#which-credential-a-route-takes and #problem-body: the product's own wording for auth errors — no key at
/// all is the troubleshooting table's "401 Invalid API key", the scheme name is case-insensitive (RFC 9110 §11.1), and
/// auth errors carry the table's advice as <c>hint</c>.
/// </summary>
public sealed class AuthWordingTests : ApiKeysTestBase
{
    private const string UseApiKey = "Use an organization API key (cxg_…) for integrations";
    private const string KeysReachPublicOnly = "API keys reach /public/ingest and /public/trigger only";
    private const string SessionHint = "Scripts and integrations should use an organization API key (cxg_…), which no session ends";
    private const string CheckKey = "Send Authorization: Bearer cxg_… with a live key; create a new key if this one was revoked or has expired";

    /// <summary>A request with the Authorization header exactly as given, as a hand-written integration would send it.</summary>
    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string? authorization, object? body = null)
    {
        var request = Request(method, url, body);
        if (authorization is not null)
        {
            Assert.That(request.Headers.TryAddWithoutValidation("Authorization", authorization), Is.True);
        }

        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> IngestRawAsync(string? authorization) =>
        SendRawAsync(HttpMethod.Post, "/api/v1/public/ingest", authorization, new { dataTableId = Guid.NewGuid(), records = new[] { new { name = "Ada" } } });

    private static string WithoutTraceId(JsonNode body)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove("traceId");
        return copy.ToJsonString();
    }

    [Test]
    public async Task No_authorization_header_on_ingest_and_trigger_is_401_invalid_api_key_with_the_products_text()
    {
        var ingest = await AssertProblemAsync(await Keys.IngestAsync(null), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        var triggerResponse = await Keys.TriggerAsync(null);
        var trigger = await AssertProblemAsync(triggerResponse, HttpStatusCode.Unauthorized, "INVALID_API_KEY");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)ingest["detail"], Is.EqualTo("Invalid API key"));
            Assert.That((string?)trigger["detail"], Is.EqualTo("Invalid API key"));
            Assert.That((string?)ingest["title"], Is.EqualTo("Unauthorized"), "title stays the status's name, as on every problem");
            Assert.That((string?)ingest["hint"], Is.EqualTo(CheckKey));
            // RFC 6750 §3.1: a request with no credential gets a bare challenge, without an error code.
            Assert.That(triggerResponse.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        }
    }

    [Test]
    public async Task No_key_and_an_unknown_key_get_the_same_body()
    {
        var unknown = Keys.Remember(CXGear.Application.Common.Security.SecretFormat.ApiKey.Generate().Secret);

        var missing = await AssertProblemAsync(await Keys.IngestAsync(null), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        var bad = await AssertProblemAsync(await Keys.IngestAsync(unknown), HttpStatusCode.Unauthorized, "INVALID_API_KEY");

        Assert.That(WithoutTraceId(missing), Is.EqualTo(WithoutTraceId(bad)));
    }

    [TestCase("bearer")]
    [TestCase("BEARER")]
    [TestCase("bEaReR")]
    public async Task The_scheme_name_of_an_api_key_is_case_insensitive(string scheme)
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "CRM", ["ingest"]);

        var response = await IngestRawAsync($"{scheme} {key.Secret}");

        var body = await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That((string?)body["detail"], Does.StartWith("Data table "), "the key was accepted and the handler looked for the table");
    }

    [Test]
    public async Task A_lowercase_bearer_access_token_reaches_a_user_route()
    {
        var admin = await SignUpAsync();

        var response = await SendRawAsync(HttpMethod.Get, "/api/v1/me", $"bearer {admin.AccessToken}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("Bearer")]
    [TestCase("bearer")]
    public async Task An_api_key_on_a_user_route_is_403_api_key_not_allowed_with_a_hint_whatever_the_schemes_case(string scheme)
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "CRM", ["ingest", "trigger"]);

        var body = await AssertProblemAsync(await SendRawAsync(HttpMethod.Get, "/api/v1/projects", $"{scheme} {key.Secret}"), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");

        Assert.That((string?)body["hint"], Is.EqualTo(KeysReachPublicOnly));
    }

    [Test]
    public async Task A_user_access_token_on_ingest_and_trigger_is_401_invalid_api_key_with_the_hint_to_use_a_key()
    {
        var admin = await SignUpAsync();

        var ingest = await AssertProblemAsync(await Keys.IngestAsync(admin.AccessToken), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        var trigger = await AssertProblemAsync(await SendRawAsync(HttpMethod.Post, $"/api/v1/public/trigger/{Guid.NewGuid()}", $"bearer {admin.AccessToken}"), HttpStatusCode.Unauthorized, "INVALID_API_KEY");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)ingest["detail"], Is.EqualTo("Invalid API key"));
            Assert.That((string?)ingest["hint"], Is.EqualTo(UseApiKey));
            Assert.That((string?)trigger["hint"], Is.EqualTo(UseApiKey));
        }
    }

    [Test]
    public async Task A_revoked_key_is_401_with_the_hint_to_check_or_replace_the_key()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        Assert.That((await Keys.RevokeAsync(admin.AccessToken, key.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var body = await AssertProblemAsync(await Keys.IngestAsync(key.Secret), HttpStatusCode.Unauthorized, "INVALID_API_KEY");

        Assert.That((string?)body["hint"], Is.EqualTo(CheckKey));
    }

    [Test]
    public async Task A_key_without_the_routes_scope_is_403_with_the_hint_naming_the_scope()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "Trigger only", ["trigger"]);

        var body = await AssertProblemAsync(await Keys.IngestAsync(key.Secret), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");

        Assert.That((string?)body["hint"], Is.EqualTo("Create a key with the ingest scope"));
    }

    [Test]
    public async Task A_session_error_tells_a_script_to_use_an_api_key()
    {
        var admin = await SignUpAsync();
        Assert.That((await PostAsync("/api/v1/auth/logout", token: admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var body = await AssertProblemAsync(await GetAsync("/api/v1/me", admin.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");

        Assert.That((string?)body["hint"], Is.EqualTo(SessionHint));
    }

    [Test]
    public async Task An_expired_access_token_tells_a_script_to_use_an_api_key()
    {
        var admin = await SignUpAsync();
        Advance(TimeSpan.FromMinutes(16));

        var body = await AssertProblemAsync(await GetAsync("/api/v1/me", admin.AccessToken), HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");

        Assert.That((string?)body["hint"], Is.EqualTo(SessionHint));
    }
}
