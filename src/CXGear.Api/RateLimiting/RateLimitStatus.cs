using System.Globalization;
using System.Threading.RateLimiting;

namespace CXGear.Api.RateLimiting;

/// <summary>Where a partition stands after a decision: what the <c>RateLimit</c> header reports.</summary>
internal readonly record struct RateLimitStatus(int Limit, long Remaining, int ResetSeconds)
{
    /// <summary>Lease metadata that carries this status from a limiter to the response headers.</summary>
    public static readonly MetadataName<RateLimitStatus> Metadata = MetadataName.Create<RateLimitStatus>("CXGEAR_RATELIMIT_STATUS");

    /// <summary>Whole seconds until <paramref name="left"/> has passed, at least 1 (a client told 0 would retry at once).</summary>
    public static int SecondsUntil(TimeSpan left) => (int)Math.Clamp(Math.Ceiling(left.TotalSeconds), 1, int.MaxValue);
}

/// <summary>The IETF draft headers (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Policy: 600;w=60</c>, <c>RateLimit: limit=600, remaining=599, reset=42</c>.</summary>
internal static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string Current = "RateLimit";

    public static string FormatPolicy(int limit, TimeSpan window) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit};w={(long)window.TotalSeconds}");

    public static string FormatCurrent(RateLimitStatus status) =>
        string.Create(CultureInfo.InvariantCulture, $"limit={status.Limit}, remaining={Math.Max(0, status.Remaining)}, reset={status.ResetSeconds}");

    public static void Write(IHeaderDictionary headers, RateLimitStatus status)
    {
        headers[Policy] = FormatPolicy(status.Limit, RateLimitSettings.Window);
        headers[Current] = FormatCurrent(status);
    }
}

/// <summary>A lease that carries <see cref="RateLimitStatus"/> and, when refused, <see cref="MetadataName.RetryAfter"/>.</summary>
internal sealed class StatusLease(bool acquired, RateLimitStatus? status, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly StatusLease Refused = new(false, null, null);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames
    {
        get
        {
            if (status is not null)
            {
                yield return RateLimitStatus.Metadata.Name;
            }

            if (retryAfter is not null)
            {
                yield return MetadataName.RetryAfter.Name;
            }
        }
    }

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == RateLimitStatus.Metadata.Name && status is { } s)
        {
            metadata = s;
            return true;
        }

        if (metadataName == MetadataName.RetryAfter.Name && retryAfter is { } r)
        {
            metadata = r;
            return true;
        }

        metadata = null;
        return false;
    }
}
