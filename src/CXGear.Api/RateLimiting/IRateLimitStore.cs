using System.Threading.RateLimiting;

namespace CXGear.Api.RateLimiting;

/// <summary>
/// Where the counters live (docs/architecture.md#runtime, "Scale"): in this process by default, in Redis when
/// <c>Redis:Configuration</c> is set so that several API instances share one count per partition.
/// </summary>
internal interface IRateLimitStore
{
    /// <summary>A fixed-window limiter for one partition; its leases carry <see cref="RateLimitStatus"/>.</summary>
    RateLimiter Create(string partitionKey, int permitLimit, TimeSpan window);
}

/// <summary>Counters in this process only: right for one instance, per-instance limits for several.</summary>
internal sealed class InProcessRateLimitStore(TimeProvider clock) : IRateLimitStore
{
    public RateLimiter Create(string partitionKey, int permitLimit, TimeSpan window) =>
        new FixedWindowLimiter(permitLimit, window, clock);
}
