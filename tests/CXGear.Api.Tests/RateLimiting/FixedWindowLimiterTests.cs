using System.Threading.RateLimiting;
using CXGear.Api.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.Api.Tests.RateLimiting;

public sealed class FixedWindowLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private static RateLimitStatus StatusOf(RateLimitLease lease)
    {
        Assert.That(lease.TryGetMetadata(RateLimitStatus.Metadata, out var status), Is.True);
        return status;
    }

    [Test]
    public void Admits_the_limit_then_refuses_with_retry_after_until_the_window_closes()
    {
        using var limiter = new FixedWindowLimiter(3, TimeSpan.FromMinutes(1), _clock);

        var remaining = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            using var lease = limiter.AttemptAcquire();
            Assert.That(lease.IsAcquired, Is.True);
            remaining.Add(StatusOf(lease).Remaining);
        }

        _clock.Advance(TimeSpan.FromSeconds(20));
        using var refused = limiter.AttemptAcquire();

        Assert.That(remaining, Is.EqualTo(new long[] { 2, 1, 0 }));
        Assert.That(refused.IsAcquired, Is.False);
        Assert.That(StatusOf(refused), Is.EqualTo(new RateLimitStatus(3, 0, 40)));
        Assert.That(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter), Is.True);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(40)));
    }

    [Test]
    public void A_new_window_opens_once_the_old_one_has_passed()
    {
        using var limiter = new FixedWindowLimiter(1, TimeSpan.FromMinutes(1), _clock);
        using var first = limiter.AttemptAcquire();
        using var refused = limiter.AttemptAcquire();

        _clock.Advance(TimeSpan.FromMinutes(1));
        using var next = limiter.AttemptAcquire();

        Assert.That(first.IsAcquired, Is.True);
        Assert.That(refused.IsAcquired, Is.False);
        Assert.That(next.IsAcquired, Is.True);
        Assert.That(StatusOf(next), Is.EqualTo(new RateLimitStatus(1, 0, 60)));
    }

    [Test]
    public async Task Acquire_async_never_queues()
    {
        using var limiter = new FixedWindowLimiter(1, TimeSpan.FromMinutes(1), _clock);
        using var first = await limiter.AcquireAsync();
        using var second = await limiter.AcquireAsync();

        Assert.That(first.IsAcquired, Is.True);
        Assert.That(second.IsAcquired, Is.False);
        Assert.That(limiter.GetStatistics()!.TotalFailedLeases, Is.EqualTo(1));
        Assert.That(limiter.GetStatistics()!.TotalSuccessfulLeases, Is.EqualTo(1));
    }

    [Test]
    public void Is_idle_only_once_its_window_has_closed()
    {
        using var limiter = new FixedWindowLimiter(2, TimeSpan.FromMinutes(1), _clock);
        using var lease = limiter.AttemptAcquire();
        var during = limiter.IdleDuration;

        _clock.Advance(TimeSpan.FromSeconds(75));

        Assert.That(during, Is.Null);
        Assert.That(limiter.IdleDuration, Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(limiter.GetStatistics()!.CurrentAvailablePermits, Is.EqualTo(2));
    }

    [Test]
    public void Rejects_a_request_for_more_permits_than_the_limit()
    {
        using var limiter = new FixedWindowLimiter(2, TimeSpan.FromMinutes(1), _clock);

        Assert.That(() => limiter.AttemptAcquire(3), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Refuses_a_limit_of_zero()
    {
        Assert.That(() => new FixedWindowLimiter(0, TimeSpan.FromMinutes(1), _clock), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
