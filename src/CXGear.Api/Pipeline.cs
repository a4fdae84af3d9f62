using CXGear.Api.Errors;
using CXGear.Api.Health;
using CXGear.Api.Http;
using CXGear.Api.Middleware;
using CXGear.Api.OpenApi;
using CXGear.Api.Telemetry;

namespace CXGear.Api;

internal static class Pipeline
{
    public static WebApplication UseApi(this WebApplication app)
    {
        // Before anything reads the client's address or scheme: rate limits, sessions, audit, HSTS (docs/api.md#behind-a-proxy).
        app.UseCXGearForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseExceptionHandler();

        // Bare statuses from routing and the framework (404, 405, 415) get the same problem body as the rest.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var (code, message) = ErrorStatus.Default(http.Response.StatusCode);
            await Problems.WriteAsync(http, Problems.Create(http, http.Response.StatusCode, code, message));
        });

        app.UseCXGearHttps();

        app.UseCXGearOpenApi();

        app.UseCors();
        app.UseAuthentication();
        // After authentication: partitions read the API key id or the user id from the principal (docs/api.md#rate-limits).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapControllers();
        app.MapHealth();
        app.MapCXGearTelemetry(app.Configuration);
        return app;
    }
}
