using System.Diagnostics;
using OpenTelemetry;

namespace CXGear.Api.Telemetry;

/// <summary>
/// Scrubs what a span could carry out of the process before any exporter sees it. A server span keeps the route
/// template, never the raw path (a table's webhook token is a path segment), as the request log does; a client span
/// keeps the destination's scheme and authority, never its path or query (an api_call's URL is the customer's
/// template filled with row values, and may hold their credentials). Query values are already redacted upstream; the
/// path is not, hence this. Runs at the end of each span, after the instrumentation has set every tag.
/// </summary>
internal sealed class TelemetryRedaction : BaseProcessor<Activity>
{
    public const string UrlPath = "url.path";
    public const string UrlQuery = "url.query";
    public const string UrlFull = "url.full";
    public const string HttpRoute = "http.route";

    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Server && data.GetTagItem(UrlPath) is not null)
        {
            // The route template or nothing: an unmatched path may be a mistyped URL holding a token.
            data.SetTag(UrlPath, data.GetTagItem(HttpRoute) as string);
            data.SetTag(UrlQuery, null);
        }

        if (data.Kind == ActivityKind.Client && data.GetTagItem(UrlFull) is string full && Uri.TryCreate(full, UriKind.Absolute, out var url))
        {
            data.SetTag(UrlFull, $"{url.Scheme}://{url.Authority}/");
        }
    }
}
