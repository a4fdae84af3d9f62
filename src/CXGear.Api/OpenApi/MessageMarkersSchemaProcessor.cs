using System.Text.Json;
using CXGear.Application.Common.Messaging;
using NJsonSchema.Generation;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Commands bound straight from the body carry their pipeline markers as get-only properties (<c>permission</c>,
/// <c>scope</c>, <c>meter</c>). The server never reads them from JSON, so the request schemas must not offer them.
/// </summary>
internal sealed class MessageMarkersSchemaProcessor : ISchemaProcessor
{
    private static readonly string MarkersNamespace = typeof(IRequireScope).Namespace!;

    public void Process(SchemaProcessorContext context)
    {
        var markers = context.ContextualType.Type.GetInterfaces().Where(i => i.Namespace == MarkersNamespace);
        foreach (var property in markers.SelectMany(m => m.GetProperties()))
        {
            context.Schema.Properties.Remove(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
        }
    }
}
