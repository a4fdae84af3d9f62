using System.Threading.RateLimiting;

namespace CXGear.Api.RateLimiting;

/// <summary>
/// Wraps the global limiter so that an admitted request's response carries <c>RateLimit-Policy</c> and
/// <c>RateLimit</c> too (the rejection path writes them in <see cref="RateLimitingSetup"/>).
/// </summary>
internal sealed class RateLimitHeadersLimiter(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        Annotate(resource, inner.AttemptAcquire(resource, permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Annotate(resource, await inner.AcquireAsync(resource, permitCount, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();

    private static RateLimitLease Annotate(HttpContext context, RateLimitLease lease)
    {
        if (lease.IsAcquired && lease.TryGetMetadata(RateLimitStatus.Metadata, out var status))
        {
            context.Response.OnStarting(() =>
            {
                RateLimitHeaders.Write(context.Response.Headers, status);
                return Task.CompletedTask;
            });
        }

        return lease;
    }
}
