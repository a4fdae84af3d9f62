namespace CXGear.Api.RateLimiting;

/// <summary>
/// The limits of docs/api.md#rate-limits (<c>RateLimits:*</c>), requests per one-minute window. A value of 0 or less switches that limit off.
/// </summary>
internal sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Length of every window; the <c>w=</c> of <c>RateLimit-Policy</c>.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Per API key on <c>/api/v1/public/*</c>.</summary>
    public int ApiKeyPerMinute { get; set; } = 600;

    /// <summary>Per client IP on <c>/api/v1/auth/*</c>.</summary>
    public int AuthPerIpPerMinute { get; set; } = 20;

    /// <summary>Per user on every other route.</summary>
    public int UserPerMinute { get; set; } = 1200;
}

/// <summary><c>Redis:*</c>: when <see cref="Configuration"/> is set, rate-limit counters live in Redis and every instance shares them.</summary>
internal sealed class RedisSettings
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>); unset = in-process counters.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key this application writes, so several deployments can share one Redis.</summary>
    public string InstanceName { get; set; } = "cxgear:";
}
