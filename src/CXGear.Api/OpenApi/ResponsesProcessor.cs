using System.Globalization;
using System.Reflection;
using CXGear.Api.Idempotency;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Owns every operation's responses. Errors: one <c>application/problem+json</c> response per status the operation
/// can answer (<see cref="OperationErrors"/>), each listing its codes in <c>x-error-codes</c> (for tools) and in its
/// description (for readers); error responses from other sources are dropped, so errors have one source of truth.
/// Successes keep what the action declares and get their status's name as description. All in status order.
/// </summary>
internal sealed class ResponsesProcessor : IOperationProcessor
{
    public const string ErrorCodesExtension = "x-error-codes";

    public bool Process(OperationProcessorContext context)
    {
        var operation = context.OperationDescription.Operation;
        var byStatus = OperationErrors.For(FactsOf(context));

        var problem = ProblemSchema.In(context.Document);
        var responses = operation.Responses
            .Where(r => !int.TryParse(r.Key, CultureInfo.InvariantCulture, out var status) || status < 400)
            .ToList();
        // An action that answers another media type than the controllers' JSON says so with [Produces] on itself.
        var mediaType = Attributes<Microsoft.AspNetCore.Mvc.ProducesAttribute>(context).LastOrDefault()?.ContentTypes.SingleOrDefault();
        foreach (var (key, response) in responses)
        {
            if (string.IsNullOrEmpty(response.Description) && int.TryParse(key, CultureInfo.InvariantCulture, out var status))
            {
                response.Description = ReasonPhrases.GetReasonPhrase(status);
            }

            if (mediaType is not null && response.Content.Count == 1 && !response.Content.ContainsKey(mediaType))
            {
                var content = response.Content.Single().Value;
                response.Content.Clear();
                response.Content[mediaType] = content;
            }
        }

        foreach (var (status, codes) in byStatus)
        {
            responses.Add(new(status.ToString(CultureInfo.InvariantCulture), Response(problem, codes)));
        }

        operation.Responses.Clear();
        foreach (var (status, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            operation.Responses[status] = response;
        }

        return true;
    }

    /// <summary>The facts <see cref="OperationErrors"/> decides from, read from the action and its route.</summary>
    internal static OperationFacts FactsOf(OperationProcessorContext context)
    {
        var path = context.OperationDescription.Path;
        var description = (context as AspNetCoreOperationProcessorContext)?.ApiDescription;
        var metadata = description?.ActionDescriptor.EndpointMetadata ?? [];
        var parameters = description?.ParameterDescriptions ?? [];
        var declared = Attributes<ProducesErrorsAttribute>(context).SelectMany(a => a.Codes).ToList();

        return new OperationFacts(
            path,
            SecurityProcessor.CredentialOf(path, metadata),
            context.OperationDescription.Operation.RequestBody is not null,
            parameters.Any(p => p.Source == BindingSource.Query || p.Source == BindingSource.Header),
            parameters.Any(p => p.Source == BindingSource.Path && p.Type == typeof(Guid)),
            Attributes<IdempotentAttribute>(context).Any(),
            declared);
    }

    private static IEnumerable<T> Attributes<T>(OperationProcessorContext context)
        where T : Attribute =>
        (context.ControllerType?.GetCustomAttributes<T>(inherit: true) ?? [])
            .Concat(context.MethodInfo?.GetCustomAttributes<T>(inherit: true) ?? []);

    private static OpenApiResponse Response(JsonSchema problem, IReadOnlyList<string> codes)
    {
        var response = new OpenApiResponse
        {
            Description = string.Join("\n", codes.Select(c => $"- `{c}`: {ErrorDescriptions.Of(c)}")),
            ExtensionData = new Dictionary<string, object?> { [ErrorCodesExtension] = codes.ToArray() },
        };
        response.Content[ProblemSchema.MediaType] = new OpenApiMediaType { Schema = new JsonSchema { Reference = problem } };
        return response;
    }
}
