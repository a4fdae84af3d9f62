using CXGear.Api.Authentication;
using Microsoft.AspNetCore.Authorization;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Gives each operation exactly the credential its route takes (<see cref="AuthSchemes.ForPath"/>, the rule the
/// server itself applies), or states that it takes none: anonymous operations carry <c>security: [{}]</c> (the empty
/// requirement, OpenAPI's "no credential"), so "forgot to say" and "anonymous" look different to readers and to the lint.
/// </summary>
internal sealed class SecurityProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var metadata = (context as AspNetCoreOperationProcessorContext)?.ApiDescription.ActionDescriptor.EndpointMetadata ?? [];
        var credential = CredentialOf(context.OperationDescription.Path, metadata);
        context.OperationDescription.Operation.Security = [credential is null ? SecuritySchemes.Anonymous() : SecuritySchemes.Requirement(credential)];
        return true;
    }

    /// <summary>The scheme of an endpoint, from its authorization metadata; null when it is anonymous.</summary>
    public static string? CredentialOf(string path, IEnumerable<object> endpointMetadata)
    {
        var metadata = endpointMetadata.ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        return anonymous ? null : AuthSchemes.ForPath(new PathString(path));
    }
}
