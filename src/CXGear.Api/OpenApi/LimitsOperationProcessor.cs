using System.Reflection;
using CXGear.Api.Idempotency;
using CXGear.Application.Common.Idempotency;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Documents contract §5 on every operation, where attributes cannot reach: the 429 a rate-limited route can
/// answer (with <c>Retry-After</c> and the RateLimit headers), and the <c>Idempotency-Key</c> header on routes
/// that honour it. Client generators then know to back off and to send the key.
/// </summary>
internal sealed class LimitsOperationProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        var path = context.OperationDescription.Path;
        if (path.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase) && !operation.Responses.ContainsKey("429"))
        {
            var response = new OpenApiResponse { Description = "RATE_LIMITED: too many requests in this window; retry after Retry-After seconds." };
            response.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds until the window resets.", Schema = new JsonSchema { Type = JsonObjectType.Integer } };
            response.Headers["RateLimit-Policy"] = new OpenApiHeader { Description = "The limit and window, e.g. 600;w=60.", Schema = new JsonSchema { Type = JsonObjectType.String } };
            response.Headers["RateLimit"] = new OpenApiHeader { Description = "limit, remaining and reset of the current window.", Schema = new JsonSchema { Type = JsonObjectType.String } };
            operation.Responses["429"] = response;
        }

        if (context.MethodInfo?.GetCustomAttribute<IdempotentAttribute>() is not null)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeys.Header,
                Kind = OpenApiParameterKind.Header,
                IsRequired = false,
                Description = "Retry safely: the same key and body within 24 h replays the first response (Idempotency-Replayed: true).",
                Schema = new JsonSchema { Type = JsonObjectType.String, MaxLength = IdempotencyKeys.MaxLength },
            });
        }

        return true;
    }
}
