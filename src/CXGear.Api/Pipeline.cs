using CXGear.Api.Errors;
using CXGear.Api.Health;
using CXGear.Api.Middleware;
using CXGear.Api.OpenApi;

namespace CXGear.Api;

internal static class Pipeline
{
    public static WebApplication UseApi(this WebApplication app)
    {
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

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCXGearOpenApi();

        app.UseCors();
        app.UseAuthentication();
        // After authentication: partitions read the API key id or the user id from the principal (docs/api.md#rate-limits).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapControllers();
        app.MapHealth();
        return app;
    }
}
