using NJsonSchema;
using NSwag;

namespace CXGear.Api.OpenApi;

/// <summary>
/// The <c>ProblemDetails</c> component: RFC 9457 plus our members (docs/api.md#problem-body), and the optional members some
/// codes add, so generated clients can read them typed. Written here rather than generated from MVC's
/// <c>ProblemDetails</c> type, which knows none of the contract's members.
/// </summary>
internal static class ProblemSchema
{
    public const string Name = "ProblemDetails";
    public const string MediaType = "application/problem+json";

    /// <summary>The component of this document, added the first time an operation needs it.</summary>
    public static JsonSchema In(OpenApiDocument document)
    {
        if (!document.Definitions.TryGetValue(Name, out var schema))
        {
            schema = Create();
            document.Definitions[Name] = schema;
        }
        else if (!schema.Properties.ContainsKey("errorCode"))
        {
            // MVC's ProblemDetails got in through a [ProducesResponseType<ProblemDetails>]: errors are declared with
            // [ProducesErrors] instead, so this one schema describes them all.
            throw new InvalidOperationException("An action declares a ProblemDetails response; declare its error codes with [ProducesErrors].");
        }

        return schema;
    }

    private static JsonSchema Create()
    {
        var schema = new JsonSchema
        {
            Type = JsonObjectType.Object,
            Description = "An error (RFC 9457). Clients branch on `errorCode`, never on the text. Members beyond these may appear with some codes.",
        };
        Add(schema, "type", Text("A URI reference for the HTTP status."), required: false);
        Add(schema, "title", Text("The HTTP status's name."), required: false);
        Add(schema, "status", new JsonSchemaProperty { Type = JsonObjectType.Integer, Format = JsonFormatStrings.Integer, Description = "The HTTP status code." });
        Add(schema, "detail", Text("What went wrong, for people."));
        Add(schema, "errorCode", new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Pattern = "^[A-Z][A-Z_]*$",
            Description = "Stable code in upper snake case; each response lists the codes it can carry (`x-error-codes`).",
        });
        Add(schema, "message", Text("The same text as `detail`."));
        Add(schema, "traceId", Text("W3C trace id of the request; quote it to support."));
        Add(schema, "instance", Text("A URI reference for this occurrence."), required: false);
        Add(schema, "errors", new JsonSchemaProperty
        {
            Type = JsonObjectType.Object,
            Description = "VALIDATION_ERROR: messages by field path (camelCase JSON path, e.g. `records[3].phone`).",
            AdditionalPropertiesSchema = new JsonSchema { Type = JsonObjectType.Array, Item = new JsonSchema { Type = JsonObjectType.String } },
        }, required: false);
        Add(schema, "hint", Text("Auth errors: what to do about it, from the product's troubleshooting table (e.g. INVALID_API_KEY for a "
            + "user's token on /public: `Use an organization API key (cxg_…) for integrations`). For people; never branch on it."), required: false);
        Add(schema, "scope", Text("KEY_MISSING_SCOPE: the scope the key lacks."), required: false);
        Add(schema, "permission", Text("FORBIDDEN: the permission key the caller lacks."), required: false);
        Add(schema, "roles", Strings("FORBIDDEN: the roles the caller may not assign."), required: false);
        Add(schema, "meter", Text("PLAN_LIMIT: the full meter."), required: false);
        Add(schema, "used", Long("PLAN_LIMIT: units in use."), required: false);
        Add(schema, "limit", Long("PLAN_LIMIT: the plan's limit."), required: false);
        Add(schema, "required", Long("PLAN_LIMIT: units the refused action needed (1 for a project, key or job; a run's record count)."), required: false);
        Add(schema, "remaining", Long("PLAN_LIMIT: units left on the meter (limit − used, never negative)."), required: false);
        Add(schema, "unknownColumns", Strings("SCHEMA_MISMATCH: names sent (CSV header or record keys) that are not columns of the table."), required: false);
        Add(schema, "missingColumns", Strings("SCHEMA_MISMATCH: columns of the table the CSV header lacks; always empty for ingest, where a missing column is stored as null."), required: false);
        Add(schema, "columns", Strings("SCHEMA_MISMATCH: the table's columns, in order (what an append's header must be)."), required: false);
        Add(schema, "line", Long("VALIDATION_ERROR (CSV): the malformed line."), required: false);
        Add(schema, "userCount", Long("CONFLICT (role delete): how many users hold the role."), required: false);
        Add(schema, "previousSession", PreviousSession(), required: false);
        return schema;
    }

    private static JsonSchemaProperty PreviousSession()
    {
        var session = new JsonSchemaProperty { Type = JsonObjectType.Object, Description = "SESSION_CONFLICT: the session open on another device." };
        session.Properties["deviceLabel"] = new JsonSchemaProperty { Type = JsonObjectType.String };
        session.Properties["ipAddress"] = new JsonSchemaProperty { Type = JsonObjectType.String };
        session.Properties["startedAt"] = new JsonSchemaProperty { Type = JsonObjectType.String, Format = JsonFormatStrings.DateTime };
        session.Properties["lastActiveAt"] = new JsonSchemaProperty { Type = JsonObjectType.String, Format = JsonFormatStrings.DateTime };
        return session;
    }

    private static void Add(JsonSchema schema, string name, JsonSchemaProperty property, bool required = true)
    {
        schema.Properties[name] = property;
        if (required)
        {
            schema.RequiredProperties.Add(name);
        }
    }

    private static JsonSchemaProperty Text(string description) => new() { Type = JsonObjectType.String, Description = description };

    private static JsonSchemaProperty Long(string description) => new() { Type = JsonObjectType.Integer, Format = JsonFormatStrings.Long, Description = description };

    private static JsonSchemaProperty Strings(string description) =>
        new() { Type = JsonObjectType.Array, Item = new JsonSchema { Type = JsonObjectType.String }, Description = description };
}
