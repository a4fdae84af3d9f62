using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// NSwag leaves a bound header optional even when the action requires it, so a <c>[FromHeader]</c> parameter marked
/// <c>[Required]</c> is marked required in the document (the header-only webhook route's <c>X-Ingest-Token</c>).
/// </summary>
internal sealed class RequiredHeadersProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNet)
        {
            return true;
        }

        var required = aspNet.ApiDescription.ActionDescriptor.Parameters
            .OfType<Microsoft.AspNetCore.Mvc.Controllers.ControllerParameterDescriptor>()
            .Where(p => p.BindingInfo?.BindingSource == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Header
                && p.ParameterInfo.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute), false).Length > 0)
            .Select(p => p.BindingInfo!.BinderModelName ?? p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in context.OperationDescription.Operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Header && required.Contains(p.Name)))
        {
            parameter.IsRequired = true;
        }

        return true;
    }
}
