using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>Document-wide parts of the contract, after every operation is in: credentials, health probes, JSON shapes, order.</summary>
internal sealed class ContractDocumentProcessor : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        // Who answers for the contract: named without inventing an address the contract does not give.
        context.Document.Info.Contact = new NSwag.OpenApiContact { Name = "CXGear API team" };
        SecuritySchemes.AddTo(context.Document);
        HealthOperations.AddTo(context);
        WebhookEvents.AddTo(context);
        JsonShapes.Apply(context.Document);
        DocumentOrder.Apply(context.Document);
    }
}
