using System.Text.Json;

namespace CXGear.Client;

/// <summary>
/// An error body as the API writes it (RFC 9457 problem details plus <c>errorCode</c>, <c>message</c>, <c>traceId</c>,
/// and <c>errors</c> for validation), read from the raw JSON so it does not depend on how the OpenAPI document
/// describes problem details. <see cref="Body"/> keeps every member, e.g. <c>unknownColumns</c> or <c>scope</c>.
/// </summary>
public sealed record ApiProblem(
    string? ErrorCode,
    string? Title,
    string? Detail,
    string? TraceId,
    IReadOnlyDictionary<string, string[]> Errors,
    JsonElement Body)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>Null when the text is not a JSON object (a proxy's HTML page, an empty body).</summary>
    public static ApiProblem? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new ApiProblem(
                String(root, "errorCode"),
                String(root, "title"),
                String(root, "detail") ?? String(root, "message"),
                String(root, "traceId"),
                ReadErrors(root),
                root.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string member of the body (e.g. <c>scope</c>), or null.</summary>
    public string? Member(string name) => String(Body, name);

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyDictionary<string, string[]> ReadErrors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return NoErrors;
        }

        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in errors.EnumerateObject())
        {
            result[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToArray()
                : [field.Value.ToString()];
        }

        return result;
    }
}
