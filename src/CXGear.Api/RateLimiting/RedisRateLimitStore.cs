using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace CXGear.Api.RateLimiting;

/// <summary>
/// Counters in Redis (RedisRateLimiting's fixed window: one Lua script per request), shared by every instance.
/// Fails open to per-instance counters: while Redis cannot answer, each partition falls back to an in-process
/// window of the same size, so the service stays up and each instance still caps a caller, and a warning is logged
/// (at most once a minute, naming no partition, key or connection string).
/// </summary>
internal sealed partial class RedisRateLimitStore : IRateLimitStore, IDisposable
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly string _prefix;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisRateLimitStore> _logger;
    private readonly Task<ConnectionMultiplexer> _connection;
    private long _lastWarningTimestamp;

    public RedisRateLimitStore(IOptions<RedisSettings> settings, TimeProvider clock, ILogger<RedisRateLimitStore> logger)
    {
        _prefix = settings.Value.InstanceName;
        _clock = clock;
        _logger = logger;

        var options = ConfigurationOptions.Parse(settings.Value.Configuration!);
        // Start without Redis and reconnect in the background; fail commands at once instead of queueing
        // them while disconnected, so a Redis outage costs a request nothing but the fallback.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        _connection = ConnectionMultiplexer.ConnectAsync(options);
    }

    public RateLimiter Create(string partitionKey, int permitLimit, TimeSpan window) =>
        new RedisFixedWindowLimiter(this, _prefix + partitionKey, permitLimit, window, new FixedWindowLimiter(permitLimit, window, _clock));

    public void Dispose()
    {
        if (_connection.IsCompletedSuccessfully)
        {
            _connection.Result.Dispose();
        }
    }

    private Task<ConnectionMultiplexer> ConnectionAsync() => _connection;

    private void ReportFailure(Exception error)
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTimestamp);
        if ((last != 0 && Stopwatch.GetElapsedTime(last, now) < WarningInterval)
            || Interlocked.CompareExchange(ref _lastWarningTimestamp, now, last) != last)
        {
            return;
        }

        LogStoreUnavailable(_logger, error.GetType().Name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis rate-limit store unavailable ({ErrorType}); counting in this instance until it answers again (fail open to per-instance limits)")]
    private static partial void LogStoreUnavailable(ILogger logger, string errorType);

    /// <summary>One partition on Redis, with an in-process window standing in while Redis fails.</summary>
    private sealed class RedisFixedWindowLimiter(RedisRateLimitStore store, string key, int permitLimit, TimeSpan window, FixedWindowLimiter fallback) : RateLimiter
    {
        private RateLimiter? _redis;
        private long _lastUsed = Stopwatch.GetTimestamp();

        /// <summary>Redis keeps the count, so the object may go once unused for a while (unless the fallback holds an open window).</summary>
        public override TimeSpan? IdleDuration =>
            fallback.IdleDuration is null ? null : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

        // Redis cannot answer synchronously; the rate-limiting middleware then calls AcquireAsync.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => StatusLease.Refused;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            try
            {
                var redis = _redis ??= await CreateAsync();
                using var lease = await redis.AcquireAsync(permitCount, cancellationToken);
                return Translate(lease);
            }
            catch (Exception error) when (error is RedisException or TimeoutException)
            {
                store.ReportFailure(error);
                return await fallback.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _redis?.Dispose();
                fallback.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task<RateLimiter> CreateAsync()
        {
            var connection = await store.ConnectionAsync();
            return new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => connection,
                PermitLimit = permitLimit,
                Window = window,
            });
        }

        /// <summary>The package reports remaining permits and the window's end (Unix seconds, Redis-side clock of this host).</summary>
        private StatusLease Translate(RateLimitLease lease)
        {
            var remaining = lease.TryGetMetadata(RateLimitMetadataName.Remaining.Name, out var r) && r is long left ? left : 0;
            var reset = lease.TryGetMetadata(RateLimitMetadataName.Reset.Name, out var e) && e is long expiresAt
                ? RateLimitStatus.SecondsUntil(TimeSpan.FromSeconds(expiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
                : RateLimitStatus.SecondsUntil(window);
            var status = new RateLimitStatus(permitLimit, lease.IsAcquired ? remaining : 0, reset);
            return new StatusLease(lease.IsAcquired, status, lease.IsAcquired ? null : TimeSpan.FromSeconds(reset));
        }
    }
}
