using CXGear.Domain.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CXGear.Api.Http;

/// <summary>
/// A route's body cap (docs/api.md#limits: ingest 5 MB) answered as 413 PAYLOAD_TOO_LARGE. A declared
/// <c>Content-Length</c> over the cap is refused before a byte is read; a chunked body is cut off by the server's
/// own limit, which this sets for the request. Runs before idempotency (which reads the body).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BodyLimitAttribute(long bytes) : Attribute, IResourceFilter, IOrderedFilter
{
    public long Bytes { get; } = bytes;

    public int Order => 900;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength > Bytes)
        {
            throw Exceeded(Bytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Bytes;
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    /// <summary>The 413 for a body over <paramref name="bytes"/>, whoever counted it (this filter, or a reader of a chunked body).</summary>
    public static CXGearException Exceeded(long bytes) =>
        new(ErrorCodes.PayloadTooLarge, $"The body is over this route's {Size(bytes)} limit.");

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
}
