using System.Threading.RateLimiting;
using CXGear.Api.Errors;
using CXGear.Domain.Common;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CXGear.Api.RateLimiting;

/// <summary>
/// docs/api.md#rate-limits on ASP.NET Core's rate limiter: one global partitioned limiter (per API key on /public, per IP on
/// /auth, per user elsewhere; health and docs unlimited), fixed one-minute windows, counters in the configured
/// <see cref="IRateLimitStore"/>. Runs after authentication so partitions can read the principal.
/// </summary>
internal static class RateLimitingSetup
{
    public static IServiceCollection AddCXGearRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection(RateLimitSettings.Section));
        services.AddOptions<RedisSettings>().Bind(configuration.GetSection(RedisSettings.Section));
        services.AddSingleton<IRateLimitStore>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<RedisSettings>>().Value.Configuration)
                ? ActivatorUtilities.CreateInstance<InProcessRateLimitStore>(sp)
                : ActivatorUtilities.CreateInstance<RedisRateLimitStore>(sp));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IRateLimitStore, IOptions<RateLimitSettings>>((options, store, settings) =>
            {
                var limits = settings.Value;
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.GlobalLimiter = new RateLimitHeadersLimiter(PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    RateLimitPartitioner.Select(context.Request.Path, context.User, context.Connection.RemoteIpAddress, limits) is { } target
                        ? RateLimitPartition.Get(target.PartitionKey, key => store.Create(key, target.PermitLimit, RateLimitSettings.Window))
                        : RateLimitPartition.GetNoLimiter(string.Empty)));
                options.OnRejected = OnRejectedAsync;
            });
        return services;
    }

    /// <summary>429 RATE_LIMITED problem with <c>Retry-After</c> = seconds until the window resets, plus the RateLimit headers.</summary>
    private static ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var lease = context.Lease;
        int retryAfter;
        string message;
        if (lease.TryGetMetadata(RateLimitStatus.Metadata, out var status))
        {
            RateLimitHeaders.Write(http.Response.Headers, status);
            retryAfter = status.ResetSeconds;
            message = $"Too many requests: the limit is {status.Limit} per minute. Retry after {retryAfter} seconds.";
        }
        else
        {
            retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? RateLimitStatus.SecondsUntil(wait)
                : RateLimitStatus.SecondsUntil(RateLimitSettings.Window);
            message = $"Too many requests. Retry after {retryAfter} seconds.";
        }

        return new ValueTask(Problems.WriteAsync(http, new CXGearException(ErrorCodes.RateLimited, message) { RetryAfterSeconds = retryAfter }));
    }
}
