using System.Diagnostics;
using CXGear.Api.Authentication;
using CXGear.Api.Errors;
using CXGear.Infrastructure.Auth;

namespace CXGear.Api.Middleware;

/// <summary>
/// One structured line per request. It names the route template, never the raw path, so ids and
/// tokens carried in paths (ingest tokens, reset links) cannot reach the log; bodies are never read.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var user = context.User;
            var credential = user.Identity?.IsAuthenticated == true
                ? user.HasClaim(c => c.Type == JwtAccessTokenIssuer.SessionClaim) ? "user"
                    : user.HasClaim(c => c.Type == AuthSchemes.KeyIdClaim) ? "api_key" : "other"
                : "anonymous";
            var organization = user.FindFirst(JwtAccessTokenIssuer.OrganizationClaim)?.Value ?? "-";
            LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsed, organization, credential, Problems.TraceId(context));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Method} {Route} → {Status} in {ElapsedMs:0.0} ms (org {OrganizationId}, credential {Credential}, trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs, string organizationId, string credential, string traceId);
}
