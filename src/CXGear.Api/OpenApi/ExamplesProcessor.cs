using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Puts <see cref="OperationExamplesAttribute{T}"/> examples on the JSON request body and the success response,
/// serialized the way the API serializes (camelCase), so the examples are what a client really sends and gets.
/// </summary>
internal sealed class ExamplesProcessor : IOperationProcessor
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public bool Process(OperationProcessorContext context)
    {
        var source = context.MethodInfo?.GetCustomAttributes().OfType<IOperationExamplesSource>().SingleOrDefault();
        if (source is null)
        {
            return true;
        }

        var examples = source.Create();
        var operation = context.OperationDescription.Operation;
        if (examples.Request is { } request)
        {
            var body = JsonContent(operation.RequestBody?.Content)
                ?? throw new InvalidOperationException($"{operation.OperationId} has a request example but no JSON body.");
            body.Example = Json(request);
        }

        var success = operation.Responses
            .Where(r => int.TryParse(r.Key, CultureInfo.InvariantCulture, out var status) && status is >= 200 and < 300)
            .Select(r => JsonContent(r.Value.Content))
            .FirstOrDefault(c => c is not null)
            ?? throw new InvalidOperationException($"{operation.OperationId} has a response example but no JSON success response.");
        success.Example = Json(examples.Response);
        return true;
    }

    private static OpenApiMediaType? JsonContent(IDictionary<string, OpenApiMediaType>? content) =>
        content is not null && content.TryGetValue("application/json", out var json) ? json : null;

    /// <summary>NSwag writes the document with Newtonsoft, so the example goes in as its token.</summary>
    private static JToken Json(object value) => JToken.Parse(JsonSerializer.Serialize(value, Web));
}
