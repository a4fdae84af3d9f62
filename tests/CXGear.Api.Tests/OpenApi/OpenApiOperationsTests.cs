using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.OpenApi;

/// <summary>Sample operations as the processors leave them: errors from [ProducesErrors] and the route, credential, headers.</summary>
public sealed class OpenApiOperationsTests : ApiTestBase
{
    private JsonNode _paths = null!;

    [OneTimeSetUp]
    public async Task Fetch() => _paths = (await JsonAsync(await GetAsync("/docs/openapi.json")))["paths"]!;

    private static IEnumerable<string> Codes(JsonNode operation, string status) =>
        operation["responses"]![status]!["x-error-codes"]!.AsArray().Select(c => c!.GetValue<string>());

    [Test]
    public void Running_a_spinner_lists_the_plan_limit_and_publish_conflicts_and_takes_a_jwt()
    {
        var run = _paths["/api/v1/spinners/{id}/run"]!["post"]!;

        Assert.That((string?)run["operationId"], Is.EqualTo("Jobs_Run"));
        Assert.That(Codes(run, "403"), Is.EqualTo(new[] { "API_KEY_NOT_ALLOWED", "FORBIDDEN", "PLAN_LIMIT", "ORGANIZATION_SUSPENDED" }));
        Assert.That(Codes(run, "404"), Is.EqualTo(new[] { "NOT_FOUND" }));
        Assert.That(Codes(run, "409"), Is.EqualTo(new[] { "SPINNER_NOT_PUBLISHED", "CONFLICT" }));
        Assert.That(run["responses"]!["400"], Is.Null, "no body, no query: nothing to fail validation");
        Assert.That(run["security"]![0]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "Jwt" }));
    }

    [Test]
    public void Login_is_anonymous_and_documents_its_own_failures_with_retry_after_on_the_lockout()
    {
        var login = _paths["/api/v1/auth/login"]!["post"]!;

        Assert.That(login["security"]![0]!.AsObject(), Is.Empty);
        Assert.That(Codes(login, "401"), Is.EqualTo(new[] { "INVALID_CREDENTIALS" }));
        Assert.That(Codes(login, "409"), Is.EqualTo(new[] { "SESSION_CONFLICT", "CONFLICT" }));
        Assert.That(login["responses"]!["423"]!["headers"]!["Retry-After"], Is.Not.Null);
        Assert.That(Codes(login, "403"), Is.EqualTo(new[] { "ORGANIZATION_SUSPENDED" }), "only after the password matched");
    }

    [Test]
    public void The_webhook_ingest_takes_the_table_token_and_the_trigger_an_api_key()
    {
        var webhook = _paths["/api/v1/public/data-tables/ingest/{token}"]!["post"]!;
        var trigger = _paths["/api/v1/public/trigger/{spinnerId}"]!["post"]!;

        Assert.That(webhook["security"]![0]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "IngestToken" }));
        Assert.That(Codes(webhook, "401"), Is.EqualTo(new[] { "INVALID_INGEST_TOKEN" }));
        Assert.That(Codes(webhook, "403"), Is.EqualTo(new[] { "ORGANIZATION_SUSPENDED" }));
        Assert.That(trigger["security"]![0]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "ApiKey" }));
        Assert.That(Codes(trigger, "403"), Is.EqualTo(new[] { "KEY_MISSING_SCOPE", "PLAN_LIMIT", "ORGANIZATION_SUSPENDED" }));
        Assert.That(Codes(trigger, "422"), Is.EqualTo(new[] { "IDEMPOTENCY_KEY_REUSED" }));
    }

    [Test]
    public void The_header_only_webhook_ingest_is_its_own_operation_taking_X_Ingest_Token()
    {
        var inPath = _paths["/api/v1/public/data-tables/ingest/{token}"]!["post"]!;
        var inHeader = _paths["/api/v1/public/data-tables/ingest"]?["post"];

        Assert.That(inHeader, Is.Not.Null, "POST /public/data-tables/ingest is documented as its own path");
        Assert.That((string?)inHeader!["operationId"], Is.Not.EqualTo((string?)inPath["operationId"]));
        Assert.That(inHeader["security"]![0]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "IngestToken" }));
        var header = inHeader["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "X-Ingest-Token")!;
        Assert.That(((string?)header["in"], (bool?)header["required"]), Is.EqualTo(("header", (bool?)true)));
        Assert.That(inHeader["parameters"]!.AsArray().Any(p => (string?)p!["in"] == "path"), Is.False);
        var token = inPath["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "token")!;
        Assert.That(((string?)token["in"], (bool?)token["required"]), Is.EqualTo(("path", (bool?)true)));
        Assert.That(Codes(inHeader, "401"), Is.EqualTo(new[] { "INVALID_INGEST_TOKEN" }));
    }

    [Test]
    public void A_csv_import_documents_its_body_as_csv_or_a_file()
    {
        var import = _paths["/api/v1/data-tables/{id}/import"]!["post"]!;
        var content = import["requestBody"]!["content"]!.AsObject();

        Assert.That(content.Select(c => c.Key), Is.EquivalentTo(new[] { "text/csv", "multipart/form-data" }));
        Assert.That((string?)content["multipart/form-data"]!["schema"]!["properties"]!["file"]!["format"], Is.EqualTo("binary"));
        Assert.That(Codes(import, "415"), Is.EqualTo(new[] { "UNSUPPORTED_MEDIA_TYPE" }));
    }
}
