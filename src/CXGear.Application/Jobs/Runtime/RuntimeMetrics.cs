using System.Diagnostics.Metrics;
using CXGear.Application.Spinners.Runtime;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// The runtime's instruments, on the meter <see cref="MeterName"/> (System.Diagnostics.Metrics; OpenTelemetry, when
/// the Api turns it on, exports them like any other meter). Tags are limited to the record's outcome and an HTTP status
/// class: never an organization, job, spinner, URL, header or row value, so nothing secret or tenant-identifying leaves
/// through a scrape and the series stay few. The queue gauges read what the heartbeat last counted (one query per beat
/// and instance, not per scrape).
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "CXGear.Runtime";

    public const string QueueDepthName = "cxgear.runtime.queue.depth";
    public const string OldestQueuedAgeName = "cxgear.runtime.queue.oldest_age";
    public const string JobsRunningName = "cxgear.runtime.jobs.running";
    public const string RecordsProcessedName = "cxgear.runtime.records.processed";
    public const string RecordDurationName = "cxgear.runtime.record.duration";
    public const string OutboundDurationName = "cxgear.runtime.outbound.duration";

    public const string OutcomeTag = "outcome";
    public const string StatusClassTag = "status_class";

    /// <summary>Seconds, from a fast step (5 ms) to a record near its default deadline (120 s).</summary>
    private static readonly IReadOnlyList<double> SecondsBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Meter _meter;
    private readonly TimeProvider _clock;
    private readonly UpDownCounter<long> _jobsRunning;
    private readonly Counter<long> _records;
    private readonly Histogram<double> _recordDuration;
    private readonly Histogram<double> _outboundDuration;
    private readonly Lock _queueLock = new();
    private long? _queued;
    private DateTime? _oldestQueuedAt;

    public RuntimeMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge(QueueDepthName, ObserveQueueDepth, "{job}", "Jobs queued across the database, as this instance last counted them.");
        _meter.CreateObservableGauge(OldestQueuedAgeName, ObserveOldestQueuedAge, "s", "Age of the oldest queued job (0 when none is queued), as this instance last saw it.");
        _jobsRunning = _meter.CreateUpDownCounter<long>(JobsRunningName, "{job}", "Jobs this instance is running.");
        _records = _meter.CreateCounter<long>(RecordsProcessedName, "{record}", "Records this instance ran to an outcome (tag outcome: completed or failed).");
        _recordDuration = _meter.CreateHistogram(
            RecordDurationName, "s", "Wall-clock time of one record's steps (tag outcome).", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _outboundDuration = _meter.CreateHistogram(
            OutboundDurationName, "s", "Wall-clock time of one api_call request, retries included (tag status_class: 2xx…5xx, or error when no response came).", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    /// <summary>Counts a job as running until the returned handle is disposed.</summary>
    public JobRunning JobStarted()
    {
        _jobsRunning.Add(1);
        return new JobRunning(_jobsRunning);
    }

    /// <summary>A record ended with an outcome (a record stopped by shutdown or a lost job is not counted).</summary>
    public void RecordEnded(RecordStatus status, TimeSpan elapsed)
    {
        var outcome = new KeyValuePair<string, object?>(OutcomeTag, status == RecordStatus.Completed ? "completed" : "failed");
        _records.Add(1, outcome);
        _recordDuration.Record(elapsed.TotalSeconds, outcome);
    }

    /// <summary>An api_call request ended: with a response (its status code) or without one (null).</summary>
    public void OutboundCallEnded(int? statusCode, TimeSpan elapsed) =>
        _outboundDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(StatusClassTag, StatusClass(statusCode)));

    /// <summary>What the heartbeat counted: queued jobs, and when the oldest of them was queued (null when none).</summary>
    public void QueueObserved(long queued, DateTime? oldestQueuedAt)
    {
        lock (_queueLock)
        {
            _queued = queued;
            _oldestQueuedAt = oldestQueuedAt;
        }
    }

    public void Dispose() => _meter.Dispose();

    internal static string StatusClass(int? statusCode) => statusCode switch
    {
        >= 100 and < 600 => $"{statusCode / 100}xx",
        null => "error",
        _ => "other",
    };

    private IEnumerable<Measurement<long>> ObserveQueueDepth()
    {
        lock (_queueLock)
        {
            return _queued is { } queued ? [new Measurement<long>(queued)] : [];
        }
    }

    private IEnumerable<Measurement<double>> ObserveOldestQueuedAge()
    {
        lock (_queueLock)
        {
            if (_queued is null)
            {
                return [];
            }

            var age = _oldestQueuedAt is { } oldest ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0;
            return [new Measurement<double>(age)];
        }
    }

    /// <summary>Ends a job's count in <see cref="JobsRunningName"/>.</summary>
    public sealed class JobRunning(UpDownCounter<long> counter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                counter.Add(-1);
            }
        }
    }
}
