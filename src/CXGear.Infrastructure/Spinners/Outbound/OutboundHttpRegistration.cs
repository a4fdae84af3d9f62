using CXGear.Application.Jobs.Runtime;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Runtime.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CXGear.Infrastructure.Spinners.Outbound;

public static class OutboundHttpRegistration
{
    /// <summary>The spinner runtime's outbound HTTP (<see cref="IOutboundHttp"/>) and the engine's options.</summary>
    public static IServiceCollection AddSpinnerRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SpinnerEngineOptions>(configuration.GetSection(SpinnerEngineOptions.Section));
        services.Configure<RuntimeOptions>(configuration.GetSection(RuntimeOptions.Section));
        if (configuration.GetValue("Runtime:Enabled", true))
        {
            services.AddHostedService<Runtime.JobRuntimeService>();
        }

        services.Configure<Functions.FunctionOptions>(configuration.GetSection(Functions.FunctionOptions.Section));
        services.AddSingleton<Application.Spinners.Runtime.Functions.IFunctionRunner, Functions.JintFunctionRunner>();

        services.AddOptions<OutboundHttpOptions>()
            .Bind(configuration.GetSection(OutboundHttpOptions.Section))
            .Validate(AllowListParses, $"{OutboundHttpOptions.Section}:AllowedHosts has an entry that is not host, *.suffix, host:port or *.suffix:port.")
            .ValidateOnStart();
        services.AddSingleton<IOutboundDestinations, OutboundDestinations>();
        services.AddSingleton<IOutboundHttp, OutboundHttp>();
        services.AddSingleton<IOutboundTargetPolicy, OutboundTargetPolicy>();
        Ai.AiRegistration.AddAiChat(services, configuration);

        services.AddHttpClient(OutboundHttp.ClientName, (sp, client) =>
            {
                // The resilience pipeline owns the time limits; this only backs it up.
                var options = sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
                client.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds + 5);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
                GuardedConnector.Handler(sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value.AllowPrivateNetworks))
            .AddResilienceHandler("spinner-outbound", (pipeline, context) =>
                AddRetries(pipeline, context.ServiceProvider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value));
        return services;
    }

    /// <summary>A malformed entry stops the start rather than a call at run time, or worse, meaning something else.</summary>
    private static bool AllowListParses(OutboundHttpOptions options)
    {
        try
        {
            _ = new HostAllowList(options.AllowedHosts);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The pipeline every outbound call of the runtime goes through (api_call, and the Graph API calls of channels):
    /// a total timeout, retries of 5xx, 408, 429 and network errors with exponential backoff and jitter, a timeout per
    /// attempt, all from <see cref="OutboundHttpOptions"/>.
    /// </summary>
    internal static void AddRetries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OutboundHttpOptions options)
    {
        // Network timeouts and backoff are wall-clock time, not the application's clock (which tests move by
        // hand; Polly would otherwise take it from the container and wait for a fake clock forever).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // 5xx, 408, 429 and network errors, but never a refused destination: asking again changes nothing.
                ShouldHandle = args => ValueTask.FromResult(!IsRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }

    private static bool IsRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
