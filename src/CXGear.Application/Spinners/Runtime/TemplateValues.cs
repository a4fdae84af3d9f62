using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// Resolves a template or decision path against a record. <c>payload.x</c> reads the row's field <c>x</c> (the whole
/// rest is the key, since columns may contain dots); <c>output.x.y</c> reads an output and walks into JSON objects;
/// <c>context.jobId|recordId|spinnerId|projectId|organizationId</c> reads the ids; a bare name reads the output of that name when one exists,
/// else the row's field (docs/decisions/0014-spinners.md, "Templates": "if a key exists in both metadata and output, the output value
/// wins"). Values become text: strings as they are, numbers as written, booleans as <c>true</c>/<c>false</c>,
/// null as empty, objects and arrays as compact JSON. Null means the path names nothing.
/// </summary>
public static class TemplateValues
{
    public static string? Resolve(string path, RecordState state)
    {
        if (path.StartsWith("payload.", StringComparison.Ordinal))
        {
            return FromPayload(path["payload.".Length..], state);
        }

        if (path.StartsWith("output.", StringComparison.Ordinal))
        {
            return FromOutputs(path["output.".Length..], state);
        }

        if (path.StartsWith("context.", StringComparison.Ordinal))
        {
            return FromContext(path["context.".Length..], state.Context);
        }

        return FromOutputs(path, state) ?? FromPayload(path, state);
    }

    private static string? FromPayload(string key, RecordState state) =>
        state.Payload.TryGetValue(key, out var value) ? Text(value) : null;

    private static string? FromOutputs(string path, RecordState state)
    {
        if (state.Outputs.TryGetPropertyValue(path, out var whole))
        {
            return Text(whole);
        }

        JsonNode? node = state.Outputs;
        foreach (var segment in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return Text(node);
    }

    private static string? FromContext(string key, RunContext context) => key switch
    {
        "jobId" => context.JobId.ToString("D", CultureInfo.InvariantCulture),
        "recordId" => context.RecordId.ToString("D", CultureInfo.InvariantCulture),
        "spinnerId" => context.SpinnerId.ToString("D", CultureInfo.InvariantCulture),
        "projectId" => context.ProjectId.ToString("D", CultureInfo.InvariantCulture),
        "organizationId" => context.OrganizationId.ToString("D", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
