using System.Reflection;
using CXGear.Api.Idempotency;
using CXGear.Application.Common.Idempotency;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Documents docs/api.md#rate-limits where attributes cannot reach: the headers that come with a 429 (<c>Retry-After</c> and the
/// RateLimit headers) and a 423 (<c>Retry-After</c>), and the <c>Idempotency-Key</c> header on routes that honour
/// it. Client generators then know to back off and to send the key. Runs after <see cref="ResponsesProcessor"/>,
/// which decides whether those responses exist.
/// </summary>
internal sealed class LimitsOperationProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        if (operation.Responses.TryGetValue("429", out var limited))
        {
            limited.Headers["Retry-After"] = RetryAfter();
            limited.Headers["RateLimit-Policy"] = new OpenApiHeader { Description = "The limit and window, e.g. 600;w=60.", Schema = new JsonSchema { Type = JsonObjectType.String } };
            limited.Headers["RateLimit"] = new OpenApiHeader { Description = "limit, remaining and reset of the current window.", Schema = new JsonSchema { Type = JsonObjectType.String } };
        }

        if (operation.Responses.TryGetValue("423", out var locked))
        {
            locked.Headers["Retry-After"] = RetryAfter();
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

    private static OpenApiHeader RetryAfter() =>
        new() { Description = "Seconds until a retry can succeed.", Schema = new JsonSchema { Type = JsonObjectType.Integer } };
}
