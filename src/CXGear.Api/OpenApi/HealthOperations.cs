using CXGear.Api.Health;
using Namotion.Reflection;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// The health probes are health-check endpoints, which the API explorer does not list; they are part of the contract
/// (docs/api.md#health), so the document describes them here. Anonymous, not rate limited, not under /api/v1.
/// </summary>
internal static class HealthOperations
{
    public const string Tag = "Health";

    public static void AddTo(DocumentProcessorContext context)
    {
        var body = context.SchemaGenerator.GenerateWithReference<JsonSchema>(typeof(HealthResponse).ToContextualType(), context.SchemaResolver);
        Add(context.Document, HealthEndpoints.LivePath, "Health_Live", "Liveness: the process answers. Runs no checks.", body);
        Add(context.Document, HealthEndpoints.ReadyPath, "Health_Ready", "Readiness: the database is reachable and migrated; 503 when not.", body);
        context.Document.Tags.Add(new OpenApiTag { Name = Tag, Description = "Probes for load balancers and orchestrators." });
    }

    private static void Add(OpenApiDocument document, string path, string operationId, string summary, JsonSchema body)
    {
        var operation = new OpenApiOperation { OperationId = operationId, Summary = summary, Security = [SecuritySchemes.Anonymous()] };
        operation.Tags.Add(Tag);
        operation.Responses["200"] = Response("Healthy or degraded.", body);
        operation.Responses["503"] = Response("Unhealthy.", body);
        document.Paths[path] = new OpenApiPathItem { [OpenApiOperationMethod.Get] = operation };
    }

    private static OpenApiResponse Response(string description, JsonSchema body)
    {
        var response = new OpenApiResponse { Description = description };
        response.Content["application/json"] = new OpenApiMediaType { Schema = new JsonSchema { Reference = body.ActualSchema } };
        return response;
    }
}
