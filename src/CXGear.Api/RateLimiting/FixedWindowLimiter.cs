using System.Threading.RateLimiting;

namespace CXGear.Api.RateLimiting;

/// <summary>
/// In-process fixed window on <see cref="TimeProvider"/>: the window opens at a partition's first request and
/// lasts <c>window</c>; refused requests do not count. Unlike the framework's <c>FixedWindowRateLimiter</c> its
/// leases say how many permits remain and when the window resets (the <c>RateLimit</c> header needs both). No queue.
/// </summary>
internal sealed class FixedWindowLimiter : RateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;
    private long _successful;
    private long _failed;

    public FixedWindowLimiter(int permitLimit, TimeSpan window, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permitLimit = permitLimit;
        _window = window;
        _clock = clock;
    }

    /// <summary>Idle once its window has closed: nothing is lost when the partitioned limiter drops it then.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                return now >= _windowEnd ? now - _windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            var open = _clock.GetUtcNow() < _windowEnd;
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = open ? _permitLimit - _used : _permitLimit,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + _window;
                _used = 0;
            }

            var reset = RateLimitStatus.SecondsUntil(_windowEnd - now);
            if (_used + permitCount <= _permitLimit)
            {
                _used += permitCount;
                if (permitCount > 0)
                {
                    _successful++;
                }

                return new StatusLease(true, new RateLimitStatus(_permitLimit, _permitLimit - _used, reset), null);
            }

            _failed++;
            return new StatusLease(false, new RateLimitStatus(_permitLimit, 0, reset), TimeSpan.FromSeconds(reset));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));
}
