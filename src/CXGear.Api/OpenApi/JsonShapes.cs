using CXGear.Api.Controllers;
using CXGear.Application.Common.Auditing;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Application.DataTables.Queries.ListRows;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Spinners.Common;
using CXGear.Domain.Integrations;
using CXGear.Domain.Spinners.Definitions;
using NJsonSchema;
using NSwag;

namespace CXGear.Api.OpenApi;

/// <summary>
/// The JSON the server reads or writes as raw <c>JsonElement</c> (records, spinner definitions, payloads) has a shape
/// the reflection cannot see; this gives each such property its schema, so no part of the contract is "any".
/// A mapped schema or property that no longer exists fails the document, so a rename cannot silently drop a shape.
/// </summary>
internal static class JsonShapes
{
    public const string CellValue = "CellValue";
    public const string IngestRecord = "IngestRecord";
    public const string SpinnerDefinition = "SpinnerDefinition";
    public const string SpinnerStep = "SpinnerStep";

    public static void Apply(OpenApiDocument document)
    {
        var cell = Add(document, CellValue, Cell());
        var record = Add(document, IngestRecord, Record(cell));
        var step = Add(document, SpinnerStep, Step());
        var definition = Add(document, SpinnerDefinition, Definition(step));

        Set(document, nameof(IngestRecordsRequest), "records", Records(record, nullable: false));
        Set(document, nameof(IngestWebhookRequest), "records", Records(record, nullable: false));
        Set(document, nameof(TriggerRequest), "records", Records(record, nullable: true));
        Set(document, nameof(CreateSpinnerRequest), "definition", Ref(definition));
        Set(document, nameof(UpdateSpinnerRequest), "definition", Ref(definition));
        Set(document, nameof(SpinnerDto), "definition", Ref(definition));
        Set(document, nameof(SpinnerVersionDto), "definition", Ref(definition));
        Set(document, nameof(JobRecordDto), "payload", FreeObject("The record's input: the row's metadata fields (or the inline record) as the job snapshotted them."));
        Set(document, nameof(JobRecordDto), "outputs", Outputs());
        Set(document, nameof(RecordJourneyDto), "outputs", Outputs());
        Set(document, nameof(AuditEventDto), "data", FreeObject("The event's details; members depend on the event type."));
        Set(document, nameof(DataRowDto), "values", new JsonSchemaProperty
        {
            Type = JsonObjectType.Object,
            Description = "The row's values by column.",
            AdditionalPropertiesSchema = new JsonSchema { Reference = cell },
        });
    }

    /// <summary>A record's outputs, as the record and its journey both carry them (one instance per property).</summary>
    private static JsonSchemaProperty Outputs()
    {
        var outputs = FreeObject(
            "The run's output.* values: disposition, ai_response, and each api_call's saveAs as {status, body}. "
            + "Null while pending or when the run produced none; {\"truncated\": true} when over 64 KB.");
        outputs.IsNullableRaw = true;
        return outputs;
    }

    private static JsonSchema Add(OpenApiDocument document, string name, JsonSchema schema)
    {
        document.Definitions[name] = schema;
        return schema;
    }

    private static void Set(OpenApiDocument document, string schemaName, string property, JsonSchemaProperty shape)
    {
        if (!document.Definitions.TryGetValue(schemaName, out var schema) || !schema.Properties.ContainsKey(property))
        {
            throw new InvalidOperationException($"OpenAPI: {schemaName}.{property} has no schema to shape (renamed? update Api/OpenApi/JsonShapes).");
        }

        schema.Properties[property] = shape;
    }

    private static JsonSchema Cell() => new()
    {
        Description = "A value: string, number, boolean or null.",

        // null rides on the string branch: OpenAPI 3.0 has no null type, and `nullable` needs a `type` beside it.
        OneOf =
        {
            new JsonSchema { Type = JsonObjectType.String, IsNullableRaw = true },
            new JsonSchema { Type = JsonObjectType.Number },
            new JsonSchema { Type = JsonObjectType.Boolean },
        },
    };

    private static JsonSchema Record(JsonSchema cell) => new()
    {
        Type = JsonObjectType.Object,
        Description = "One row: a flat object of column name → value. Keys must be columns of the table; a missing column is stored as null.",
        AdditionalPropertiesSchema = new JsonSchema { Reference = cell },
    };

    private static JsonSchemaProperty Records(JsonSchema record, bool nullable) => new()
    {
        Type = JsonObjectType.Array,
        IsNullableRaw = nullable ? true : null,
        MinItems = 1,
        MaxItems = RecordBatch.MaxRecords,
        Description = $"1 to {RecordBatch.MaxRecords} records, written all or none.",
        Item = new JsonSchema { Reference = record },
    };

    private static JsonSchema Definition(JsonSchema step)
    {
        var schema = new JsonSchema
        {
            Type = JsonObjectType.Object,
            Description = "A spinner's steps; the first is the entry. Checked when saved (unknown type, dangling next and cycles are 400 VALIDATION_ERROR).",
        };
        schema.Properties["steps"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.Array,
            MinItems = 1,
            MaxItems = DefinitionLimits.MaxSteps,
            Item = new JsonSchema { Reference = step },
        };
        schema.RequiredProperties.Add("steps");
        return schema;
    }

    /// <summary>
    /// One step, every type's fields side by side (each field says which type reads it): a flat shape that code
    /// generators handle well, where a discriminated union would not be.
    /// </summary>
    private static JsonSchema Step()
    {
        var schema = new JsonSchema
        {
            Type = JsonObjectType.Object,
            Description = "A step. `log` {message} · `tag` {disposition} · `decision` {branches, default} · "
                + "`api_call` {method, url, headers?, body?, saveAs} · `ai_agent` {provider, model?, role?, task, outputMode?, keys?, labels?, saveAs?} · "
                + "`function` {code} · `send_whatsapp` {channelId, to, template {name, language, parameters?}, saveAs}. "
                + "Templates: {{name}}, {{payload.x}}, {{output.x}}, {{context.jobId}}.",
        };
        var p = schema.Properties;
        p["id"] = Text("Unique within the definition.", DefinitionLimits.MaxIdLength);
        p["type"] = Enum("The step's type.", StepTypes.All);
        p["next"] = Text("The next step's id; absent ends the record's run. Not on `decision`.", DefinitionLimits.MaxIdLength);
        p["message"] = Text("`log`: the line to write (a template).", DefinitionLimits.MaxTextLength);
        p["disposition"] = Text("`tag`: the disposition to record.", DefinitionLimits.MaxShortTextLength);
        p["branches"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.Array,
            Description = "`decision`: tried in order; the first whose `when` matches routes the record.",
            MinItems = 1,
            MaxItems = DefinitionLimits.MaxBranches,
            Item = Branch(),
        };
        p["default"] = Text("`decision`: the step for records no branch matches.", DefinitionLimits.MaxIdLength);
        p["method"] = Enum("`api_call`: the HTTP method.", ApiCallStep.Methods);
        p["url"] = Text("`api_call`: absolute http(s) URL to an allowed host; templates only in path and query.", DefinitionLimits.MaxUrlLength);
        p["headers"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.Object,
            Description = "`api_call`: header name → value (a template).",
            AdditionalPropertiesSchema = new JsonSchema { Type = JsonObjectType.String, MaxLength = DefinitionLimits.MaxHeaderValueLength },
        };
        p["body"] = Text("`api_call`: the request body (a template); not with GET or DELETE.", DefinitionLimits.MaxTextLength);
        p["saveAs"] = Text("`api_call`, `send_whatsapp`: the output key the response ({status, body}; {messageId, status}) is saved under. `ai_agent`: the answer's output key (default ai_response).", DefinitionLimits.MaxIdLength);
        p["provider"] = Enum("`ai_agent`: the model provider; openai and anthropic need the organization's setting (PUT /integrations/ai-providers/{provider}).", AiAgentStep.Providers);
        p["model"] = Text("`ai_agent`: the model id; absent uses the provider setting's default model.", AiProviderSetting.MaxModelLength);
        p["channelId"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Format = JsonFormatStrings.Guid,
            Description = "`send_whatsapp`: a channel of the spinner's organization (GET /channels).",
        };
        p["to"] = Text("`send_whatsapp`: the recipient's phone number in international format (a template, e.g. {{payload.phone}}).", DefinitionLimits.MaxShortTextLength);
        p["template"] = WhatsAppTemplate();
        p["role"] = Text("`ai_agent`: the agent's role and rules, the same for every record.", DefinitionLimits.MaxTextLength);
        p["task"] = Text("`ai_agent`: the task for each record (a template), sent as the user message.", DefinitionLimits.MaxTextLength);
        p["outputMode"] = Enum(
            "`ai_agent`: the answer's form (default text): text a string; key_value an object with exactly `keys`; classification one of `labels`; list an array of strings; json the Mock provider's object.",
            AiAgentStep.OutputModes);
        p["keys"] = StringList("`ai_agent` key_value: the keys of the answer's object.", AiAgentStep.MaxKeys);
        p["labels"] = StringList("`ai_agent` classification: the labels the answer is one of.", AiAgentStep.MaxLabels);
        p["code"] = Text(
            "`function`: JavaScript defining `main(params, context)`, run in a sandbox; the object it returns is merged into the outputs.",
            DefinitionLimits.MaxTextLength);
        schema.RequiredProperties.Add("id");
        schema.RequiredProperties.Add("type");
        return schema;
    }

    private static JsonSchemaProperty WhatsAppTemplate()
    {
        var template = new JsonSchemaProperty { Type = JsonObjectType.Object, Description = "`send_whatsapp`: an approved WhatsApp template." };
        template.Properties["name"] = Text("The template's name (lower-case letters, digits, '_').", SendWhatsAppStep.MaxTemplateNameLength);
        template.Properties["language"] = Text("Its language code (en, en_US, pt_BR).", DefinitionLimits.MaxShortTextLength);
        template.Properties["parameters"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.Array,
            Description = "The body's {{1}}, {{2}}… in order, each a template.",
            MaxItems = SendWhatsAppStep.MaxParameters,
            Item = new JsonSchema { Type = JsonObjectType.String, MaxLength = SendWhatsAppStep.MaxParameterLength },
        };
        template.RequiredProperties.Add("name");
        template.RequiredProperties.Add("language");
        return template;
    }

    private static JsonSchema Branch()
    {
        var when = new JsonSchemaProperty { Type = JsonObjectType.Object, Description = "Matches when the field's value equals `equals`." };
        when.Properties["field"] = Text("A field path such as output.disposition or payload.status.", DefinitionLimits.MaxFieldLength);
        when.Properties["equals"] = new JsonSchemaProperty
        {
            Description = "The value to compare with: string, number or boolean.",
            OneOf =
            {
                new JsonSchema { Type = JsonObjectType.String, MaxLength = DefinitionLimits.MaxEqualsLength },
                new JsonSchema { Type = JsonObjectType.Number },
                new JsonSchema { Type = JsonObjectType.Boolean },
            },
        };
        when.RequiredProperties.Add("field");
        when.RequiredProperties.Add("equals");

        var branch = new JsonSchema { Type = JsonObjectType.Object };
        branch.Properties["when"] = when;
        branch.Properties["label"] = Text("A name for the branch, shown in journeys.", DefinitionLimits.MaxShortTextLength);
        branch.Properties["next"] = Text("The step for matching records.", DefinitionLimits.MaxIdLength);
        branch.RequiredProperties.Add("when");
        branch.RequiredProperties.Add("next");
        return branch;
    }

    private static JsonSchemaProperty Ref(JsonSchema target) => new() { Reference = target };

    private static JsonSchemaProperty FreeObject(string description) => new() { Type = JsonObjectType.Object, Description = description };

    private static JsonSchemaProperty StringList(string description, int maxItems) => new()
    {
        Type = JsonObjectType.Array,
        Description = description,
        MinItems = 1,
        MaxItems = maxItems,
        Item = new JsonSchema { Type = JsonObjectType.String, MaxLength = DefinitionLimits.MaxShortTextLength },
    };

    private static JsonSchemaProperty Text(string description, int maxLength) =>
        new() { Type = JsonObjectType.String, Description = description, MaxLength = maxLength };

    private static JsonSchemaProperty Enum(string description, IEnumerable<string> values)
    {
        var property = new JsonSchemaProperty { Type = JsonObjectType.String, Description = description };
        foreach (var value in values)
        {
            property.Enumeration.Add(value);
        }

        return property;
    }
}
