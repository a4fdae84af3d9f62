using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CXGear.Api.Errors;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Tests.OpenApi;

/// <summary>Rules over the whole document: what a code generator and an integrator rely on, for every operation.</summary>
public sealed partial class OpenApiDocumentTests : ApiTestBase
{
    private static readonly string[] AnonymousOperations =
    [
        "POST /api/v1/auth/signup", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/password/forgot", "POST /api/v1/auth/password/reset", "GET /health/live", "GET /health/ready",
        "GET /api/v1/auth/providers", "GET /api/v1/auth/google", "GET /api/v1/auth/google/callback", "POST /api/v1/auth/exchange",
        "GET /api/v1/channels/whatsapp/oauth/callback", "GET /api/v1/public/channels/whatsapp/webhook", "POST /api/v1/public/channels/whatsapp/webhook",
        "POST /api/v1/public/billing/stripe/webhook", "POST /api/v1/public/billing/razorpay/webhook",
    ];

    private static readonly string[] SchemaKeys = ["type", "$ref", "oneOf", "allOf", "anyOf"];

    private JsonNode _document = null!;

    [OneTimeSetUp]
    public async Task Fetch() => _document = await JsonAsync(await GetAsync("/docs/openapi.json"));

    private IEnumerable<(string Name, string Path, JsonObject Operation)> Operations() =>
        from path in _document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        select ($"{method.Key.ToUpperInvariant()} {path.Key}", path.Key, method.Value!.AsObject());

    private static IEnumerable<(int Status, JsonObject Response)> Errors(JsonObject operation) =>
        from response in operation["responses"]!.AsObject()
        let status = int.Parse(response.Key, System.Globalization.CultureInfo.InvariantCulture)
        where status >= 400
        select (status, response.Value!.AsObject());

    [Test]
    public void Every_operation_id_is_unique_and_fit_for_code_generation()
    {
        var ids = Operations().Select(o => (string?)o.Operation["operationId"]).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Matches(OperationId()));
    }

    [Test]
    public void Every_api_operation_documents_its_errors_as_problem_json_with_their_codes()
    {
        foreach (var (name, path, operation) in Operations().Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            var errors = Errors(operation).ToList();
            Assert.That(errors.Where(e => e.Status < 500), Is.Not.Empty, $"{name} has no 4xx response");
            foreach (var (status, response) in errors)
            {
                Assert.That(response["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ProblemDetails"), $"{name} {status}");
                var codes = response["x-error-codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
                Assert.That(codes, Is.Not.Empty.And.Unique, $"{name} {status}");
                Assert.That(codes.Select(ErrorStatus.For), Has.All.EqualTo(status), $"{name} {status}: each code sits under its own status");
                Assert.That(codes, Has.All.Matches<string>(c => response["description"]!.GetValue<string>().Contains($"`{c}`", StringComparison.Ordinal)), $"{name} {status}: readers see every code");
            }
        }
    }

    [Test]
    public void The_problem_schema_has_the_contract_members()
    {
        var problem = _document["components"]!["schemas"]!["ProblemDetails"]!;
        var required = problem["required"]!.AsArray().Select(r => r!.GetValue<string>());

        Assert.That(required, Is.SupersetOf(new[] { "status", "errorCode", "message", "traceId" }));
        Assert.That((string?)problem["properties"]!["errorCode"]!["type"], Is.EqualTo("string"));
        Assert.That((string?)problem["properties"]!["traceId"]!["type"], Is.EqualTo("string"));
    }

    [Test]
    public void Each_operation_takes_exactly_its_routes_credential()
    {
        var schemes = _document["components"]!["securitySchemes"]!.AsObject();
        Assert.That(schemes.Select(s => s.Key), Is.EquivalentTo(new[] { "Jwt", "ApiKey", "IngestToken" }));
        Assert.That((string?)schemes["Jwt"]!["bearerFormat"], Is.EqualTo("JWT"));
        Assert.That((string?)schemes["ApiKey"]!["scheme"], Is.EqualTo("bearer"));
        Assert.That((string?)schemes["IngestToken"]!["in"], Is.EqualTo("header"));
        Assert.That((string?)schemes["IngestToken"]!["name"], Is.EqualTo("X-Ingest-Token"));

        foreach (var (name, path, operation) in Operations())
        {
            var security = operation["security"]!.AsArray();
            Assert.That(security, Has.Count.EqualTo(1), name);
            var takes = security[0]!.AsObject().Select(s => s.Key).ToList();
            var expected = AnonymousOperations.Contains(name) ? []
                : path is "/api/v1/public/data-tables/ingest/{token}" or "/api/v1/public/data-tables/ingest" ? ["IngestToken"]
                : path.StartsWith("/api/v1/public/", StringComparison.Ordinal) ? ["ApiKey"]
                : new[] { "Jwt" };
            Assert.That(takes, Is.EqualTo(expected), name);
        }
    }

    [Test]
    public void Every_schema_is_typed_and_named_once()
    {
        var schemas = _document["components"]!["schemas"]!.AsObject();

        Assert.That(schemas.Select(s => s.Key), Has.None.Matches(EndsWithDigit()), "two types share a name; NSwag numbered one");
        Assert.That(Untyped(_document["paths"], "paths", Position.Other).Concat(Untyped(schemas, "schemas", Position.SchemaMap)), Is.Empty, "a schema that says nothing (JsonElement or object without a shape)");
        var commandFields = schemas.Where(s => s.Key.EndsWith("Command", StringComparison.Ordinal)).SelectMany(s => s.Value!["properties"]?.AsObject().Select(p => p.Key) ?? []);
        Assert.That(commandFields, Has.None.AnyOf("permission", "scope", "meter"), "pipeline markers are not request fields");
    }

    [Test]
    public void The_public_routes_show_request_and_response_examples()
    {
        foreach (var (path, status) in new[] { ("/api/v1/public/ingest", "200"), ("/api/v1/public/data-tables/ingest/{token}", "200"), ("/api/v1/public/trigger/{spinnerId}", "202") })
        {
            var operation = _document["paths"]![path]!["post"]!;
            Assert.That(operation["requestBody"]!["content"]!["application/json"]!["example"]!["records"]!.AsArray(), Is.Not.Empty, path);
            Assert.That(operation["responses"]![status]!["content"]!["application/json"]!["example"]!["ok"]!.GetValue<bool>(), Is.True, path);
        }
    }

    [Test]
    public void Every_contract_error_code_has_a_description_for_the_document()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.That(CXGear.Api.OpenApi.ErrorDescriptions.Known, Is.EquivalentTo(codes));
    }

    [Test]
    public void No_action_declares_error_responses_beside_ProducesErrors()
    {
        var declared =
            from type in typeof(CXGear.Api.OpenApi.ProducesErrorsAttribute).Assembly.GetTypes()
            where typeof(ControllerBase).IsAssignableFrom(type)
            from member in new MemberInfo[] { type }.Concat(type.GetMethods())
            from attribute in member.GetCustomAttributes<ProducesResponseTypeAttribute>()
            where attribute.StatusCode >= 400
            select $"{type.Name}.{member.Name} {attribute.StatusCode}";

        Assert.That(declared, Is.Empty, "declare error codes with [ProducesErrors]; the document derives the responses");
    }

    /// <summary>Schemas with neither a type, a reference nor a composition: what a JsonElement becomes when nobody shapes it.</summary>
    private static IEnumerable<string> Untyped(JsonNode? node, string at, Position position)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => (Node: p.Value, At: $"{at}/{p.Key}", Position: Inside(position, p.Key))),
            JsonArray array => array.Select((item, i) => (Node: item, At: $"{at}/{i}", Position: position switch
            {
                Position.SchemaList => Position.Schema,
                Position.Other => Position.Other,
                _ => Position.Ignored,
            })),
            _ => [],
        };
        if (position == Position.Schema && node is JsonObject schema && !SchemaKeys.Any(schema.ContainsKey))
        {
            yield return at;
        }

        foreach (var child in children.SelectMany(c => Untyped(c.Node, c.At, c.Position)))
        {
            yield return child;
        }
    }

    private static Position Inside(Position parent, string key) => parent switch
    {
        Position.SchemaMap => Position.Schema,
        Position.Schema => key switch
        {
            "properties" => Position.SchemaMap,
            "items" or "additionalProperties" or "not" => Position.Schema,
            "oneOf" or "allOf" or "anyOf" => Position.SchemaList,
            _ => Position.Ignored,
        },
        Position.Other => key == "schema" ? Position.Schema : Position.Other,
        _ => Position.Ignored,
    };

    private enum Position
    {
        Other,
        Schema,
        SchemaMap,
        SchemaList,
        Ignored,
    }

    [GeneratedRegex("^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+$")]
    private static partial Regex OperationId();

    [GeneratedRegex("[0-9]$")]
    private static partial Regex EndsWithDigit();
}
