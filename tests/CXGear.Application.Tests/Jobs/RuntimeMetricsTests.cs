using System.Diagnostics.Metrics;
using CXGear.Application.Jobs.Runtime;
using CXGear.Application.Spinners.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.Application.Tests.Jobs;

/// <summary>What <see cref="RuntimeMetrics"/> records, read back through MetricCollector on its meter.</summary>
public sealed class RuntimeMetricsTests
{
    private static readonly string[] AllowedTags = [RuntimeMetrics.OutcomeTag, RuntimeMetrics.StatusClassTag];

    private ServiceProvider _services = null!;
    private FakeTimeProvider _clock = null!;
    private RuntimeMetrics _metrics = null!;

    [SetUp]
    public void Create()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        _metrics = new RuntimeMetrics(Meters, _clock);
    }

    [TearDown]
    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    /// <summary>Owned by the service provider, which disposes it.</summary>
    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Meters, RuntimeMetrics.MeterName, instrument, _clock);

    [Test]
    public void A_record_that_ends_is_counted_and_timed_under_its_outcome()
    {
        using var processed = Collect<long>(RuntimeMetrics.RecordsProcessedName);
        using var duration = Collect<double>(RuntimeMetrics.RecordDurationName);

        _metrics.RecordEnded(RecordStatus.Completed, TimeSpan.FromMilliseconds(250));
        _metrics.RecordEnded(RecordStatus.Completed, TimeSpan.FromSeconds(1));
        _metrics.RecordEnded(RecordStatus.Failed, TimeSpan.FromSeconds(2));

        var counts = processed.GetMeasurementSnapshot();
        Assert.That(counts.Select(m => (m.Value, (string?)m.Tags[RuntimeMetrics.OutcomeTag])), Is.EqualTo(new[] { (1L, "completed"), (1L, "completed"), (1L, "failed") }));
        var times = duration.GetMeasurementSnapshot();
        Assert.That(times.Select(m => (m.Value, (string?)m.Tags[RuntimeMetrics.OutcomeTag])), Is.EqualTo(new[] { (0.25, "completed"), (1.0, "completed"), (2.0, "failed") }));
        Assert.That(counts.SelectMany(m => m.Tags.Keys).Concat(times.SelectMany(m => m.Tags.Keys)).Distinct(), Is.SubsetOf(AllowedTags));
    }

    [Test]
    public void A_running_job_counts_until_its_handle_is_disposed_once()
    {
        using var running = Collect<long>(RuntimeMetrics.JobsRunningName);

        var first = _metrics.JobStarted();
        var second = _metrics.JobStarted();
        first.Dispose();
        first.Dispose();

        Assert.That(running.GetMeasurementSnapshot().Select(m => m.Value), Is.EqualTo(new[] { 1L, 1L, -1L }));
        Assert.That(running.GetMeasurementSnapshot().Sum(m => m.Value), Is.EqualTo(1), "one job still running");
        second.Dispose();
        Assert.That(running.GetMeasurementSnapshot().Sum(m => m.Value), Is.Zero);
    }

    [TestCase(200, "2xx")]
    [TestCase(302, "3xx")]
    [TestCase(404, "4xx")]
    [TestCase(503, "5xx")]
    [TestCase(null, "error")]
    public void An_outbound_call_is_timed_under_its_status_class_only(int? status, string statusClass)
    {
        using var duration = Collect<double>(RuntimeMetrics.OutboundDurationName);

        _metrics.OutboundCallEnded(status, TimeSpan.FromMilliseconds(120));

        var measurement = duration.LastMeasurement!;
        Assert.That(measurement.Value, Is.EqualTo(0.12).Within(1e-9));
        Assert.That(measurement.Tags, Is.EquivalentTo(new Dictionary<string, object?> { [RuntimeMetrics.StatusClassTag] = statusClass }));
    }

    [Test]
    public void The_queue_gauges_report_the_last_count_and_age_the_oldest_job_by_the_clock()
    {
        using var depth = Collect<long>(RuntimeMetrics.QueueDepthName);
        using var age = Collect<double>(RuntimeMetrics.OldestQueuedAgeName);

        depth.RecordObservableInstruments();
        Assert.That(depth.GetMeasurementSnapshot(), Is.Empty, "nothing is reported before the heartbeat has counted");

        _metrics.QueueObserved(3, _clock.GetUtcNow().UtcDateTime.AddSeconds(-90));
        depth.RecordObservableInstruments();
        age.RecordObservableInstruments();
        Assert.That((depth.LastMeasurement?.Value, age.LastMeasurement?.Value), Is.EqualTo(((long?)3, (double?)90)));

        _clock.Advance(TimeSpan.FromSeconds(10));
        age.RecordObservableInstruments();
        Assert.That(age.LastMeasurement?.Value, Is.EqualTo(100), "the age grows between counts");

        _metrics.QueueObserved(0, null);
        depth.RecordObservableInstruments();
        age.RecordObservableInstruments();
        Assert.That((depth.LastMeasurement?.Value, age.LastMeasurement?.Value), Is.EqualTo(((long?)0, (double?)0)));
    }
}
