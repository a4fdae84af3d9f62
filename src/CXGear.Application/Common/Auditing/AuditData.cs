using System.Text.Json;

namespace CXGear.Application.Common.Auditing;

/// <summary>Turns a stored payload back into JSON for the response.</summary>
internal static class AuditData
{
    /// <summary>
    /// The payload is always written by the serializer, but a row edited by hand must not break the whole
    /// listing: anything that is not a JSON object comes back wrapped as <c>{"raw": "…"}</c>.
    /// </summary>
    public static JsonElement Parse(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Falls through to the wrapped form.
        }

        return JsonSerializer.SerializeToElement(new { raw = data });
    }
}
