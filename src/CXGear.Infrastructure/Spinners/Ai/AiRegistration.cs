using CXGear.Application.Spinners.Runtime.Ai;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CXGear.Infrastructure.Spinners.Ai;

internal static class AiRegistration
{
    /// <summary>
    /// <see cref="IAiChat"/> over its own named HttpClient: the same guarded connector as api_call, one time limit for
    /// the whole call (<c>Runtime:Ai:TimeoutSeconds</c>) and retries on 429/5xx that wait for Retry-After.
    /// </summary>
    public static IServiceCollection AddAiChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AiOptions>(configuration.GetSection(AiOptions.Section));
        services.AddSingleton<IAiChat, AiChat>();
        services.AddHttpClient(AiChat.ClientName, (sp, client) =>
            {
                // The resilience pipeline owns the time limit; this only backs it up.
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AiOptions>>().Value.TimeoutSeconds + 10);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
                GuardedConnector.Handler(sp.GetRequiredService<IOptions<OutboundHttpOptions>>().Value.AllowPrivateNetworks))
            .AddResilienceHandler("spinner-ai", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<AiOptions>>().Value;
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        ShouldHandle = args => ValueTask.FromResult(!IsRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    });
                }
            });
        return services;
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
