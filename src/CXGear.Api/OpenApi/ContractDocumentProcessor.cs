using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>Document-wide parts of the contract, after every operation is in: credentials, health probes, JSON shapes, order.</summary>
internal sealed class ContractDocumentProcessor : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        SecuritySchemes.AddTo(context.Document);
        HealthOperations.AddTo(context);
        JsonShapes.Apply(context.Document);
        DocumentOrder.Apply(context.Document);
    }
}
