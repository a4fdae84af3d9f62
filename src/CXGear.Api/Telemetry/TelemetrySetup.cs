using CXGear.Application.Jobs.Runtime;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CXGear.Api.Telemetry;

/// <summary>
/// OpenTelemetry, on only when something consumes it (docs/decisions/0023-runtime-observability.md):
/// <c>Telemetry:Prometheus:Enabled</c> serves metrics at <see cref="PrometheusPath"/>; <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// sends metrics, traces and logs over OTLP (the standard <c>OTEL_*</c> variables tune it). With neither, no SDK is
/// registered and the instruments cost next to nothing. Metrics: the runtime's meter, ASP.NET Core and HttpClient.
/// Traces (OTLP only): ASP.NET Core, HttpClient and EF Core, scrubbed by <see cref="TelemetryRedaction"/>.
/// </summary>
internal static class TelemetrySetup
{
    public const string PrometheusEnabledKey = "Telemetry:Prometheus:Enabled";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string PrometheusPath = "/metrics";
    private const string DefaultServiceName = "cxgear-api";

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue(PrometheusEnabledKey, false);

    private static bool OtlpEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static IServiceCollection AddCXGearTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var prometheus = PrometheusEnabled(configuration);
        var otlp = OtlpEnabled(configuration);
        if (!prometheus && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RuntimeMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddProcessor(new TelemetryRedaction()));
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>The scraping endpoint, anonymous and unlimited like the health probes; only when Prometheus is on.</summary>
    public static IEndpointRouteBuilder MapCXGearTelemetry(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (PrometheusEnabled(configuration))
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath);
        }

        return app;
    }

    /// <summary>Health probes and scrapes arrive every few seconds and say nothing a trace would need.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(PrometheusPath);
}
