using System.Diagnostics;
using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Spinners;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CXGear.Api.Tests.Runtime;

/// <summary>A spinner that calls a local endpoint with the row's phone in the URL path, then tags the record.</summary>
public abstract class TelemetryTestBase : RuntimeTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
    }

    protected static string CallWithPhoneInPath(int port) =>
        $"{{'steps':[{{'id':'a1','type':'api_call','method':'GET','url':'http://127.0.0.1:{port}/contacts/{{{{payload.phone}}}}','saveAs':'crm','next':'t1'}},"
        + "{'id':'t1','type':'tag','disposition':'Synced'}]}";

    /// <summary>Runs a 2-row api_call job to its end with a runner of this host; returns the local endpoint's port.</summary>
    protected async Task<int> RunApiCallJobAsync()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(200, "{}", "application/json"), LocalHttpServer.Status(200, "{}", "application/json"));
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        var jobId = await ArrangeWithDefinitionAsync(a, CallWithPhoneInPath(server.Port));
        Assert.That(await NewRunner().RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That((string?)(await JobAsync(a.Admin.AccessToken, jobId))["status"], Is.EqualTo("completed"));
        return server.Port;
    }
}

/// <summary>Telemetry:Prometheus:Enabled serves /metrics with the runtime's instruments next to ASP.NET Core's.</summary>
public sealed class PrometheusMetricsTests : TelemetryTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Telemetry:Prometheus:Enabled"] = "true";
    }

    [Test]
    public async Task Metrics_carry_the_runtime_instruments_after_a_job_has_run()
    {
        await RunApiCallJobAsync();

        var response = await GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Does.StartWith("text/plain").Or.StartWith("application/openmetrics-text"));
        var samples = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string[] expected =
        [
            "cxgear_runtime_records_processed_total",
            "cxgear_runtime_record_duration_seconds_bucket",
            "cxgear_runtime_outbound_duration_seconds_bucket",
            "cxgear_runtime_jobs_running",
            "cxgear_runtime_queue_depth",
            "cxgear_runtime_queue_oldest_age_seconds",
            "http_server_request_duration_seconds_bucket",
        ];
        Assert.That(expected.Where(name => !samples.Any(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))), Is.Empty, text);
        Assert.That(samples.Any(l => l.StartsWith("cxgear_runtime_records_processed_total{", StringComparison.Ordinal) && l.Contains("outcome=\"completed\"", StringComparison.Ordinal)), text);
        Assert.That(samples.Any(l => l.StartsWith("cxgear_runtime_outbound_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("status_class=\"2xx\"", StringComparison.Ordinal)), text);
        Assert.That(text, Does.Not.Contain("+1555"), "no row value in any label");
        Assert.That(text, Does.Not.Contain("/contacts"), "no outbound path in any label");
    }

    [Test]
    public async Task The_scrape_is_anonymous_and_not_rate_limited()
    {
        for (var i = 0; i < 3; i++)
        {
            var response = await GetAsync("/metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.Contains("RateLimit"), Is.False);
        }
    }
}

/// <summary>Off by default: no /metrics route at all.</summary>
public sealed class MetricsOffTests : ApiTestBase
{
    [Test]
    public async Task Metrics_are_not_served_unless_turned_on()
    {
        var response = await GetAsync("/metrics");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }
}

/// <summary>
/// With OTEL_EXPORTER_OTLP_ENDPOINT set, traces are recorded (the endpoint here is a closed local port; an in-memory
/// exporter beside it shows what would leave): spans carry route templates and destinations, never a path token or
/// a row value.
/// </summary>
public sealed class TracingRedactionTests : TelemetryTestBase
{
    private readonly LockedList<Activity> _spans = new();

    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";
        factory.TestServices = services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
    }

    private List<Activity> Spans() => _spans.Snapshot();

    /// <summary>A server span ends after its response reached the client, so the test waits for it a little.</summary>
    private async Task<List<Activity>> SpansWhenAsync(Func<Activity, bool> wanted)
    {
        for (var i = 0; i < 100 && !Spans().Any(wanted); i++)
        {
            await Task.Delay(50);
        }

        return Spans();
    }

    private static IEnumerable<string> Values(Activity span) =>
        span.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty).Append(span.DisplayName);

    [Test]
    public async Task A_webhook_token_in_the_path_never_reaches_a_span()
    {
        const string token = "cxgt_0123456789abcdefghijklmnopqrstuv_telemetry";

        var response = await PostAsync($"/api/v1/public/data-tables/ingest/{token}", new { records = Array.Empty<object>() });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        static bool Webhook(Activity s) => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string ?? string.Empty).Contains("data-tables/ingest", StringComparison.Ordinal);
        var server = (await SpansWhenAsync(Webhook)).Where(Webhook).ToList();
        Assert.That(server, Is.Not.Empty, "the request was traced");
        Assert.That(server.Select(s => s.GetTagItem("url.path")), Is.All.EqualTo("api/v1/public/data-tables/ingest/{token}").Or.EqualTo("/api/v1/public/data-tables/ingest/{token}"));
        Assert.That(Spans().SelectMany(Values).Where(v => v.Contains(token, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task An_api_calls_path_and_the_rows_values_never_reach_a_span_while_the_runtime_is_traced()
    {
        var port = await RunApiCallJobAsync();

        var spans = Spans();
        var calls = spans.Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is string url && url.Contains($":{port}", StringComparison.Ordinal)).ToList();
        Assert.That(calls.Select(s => s.GetTagItem("url.full")), Is.EqualTo(new[] { $"http://127.0.0.1:{port}/", $"http://127.0.0.1:{port}/" }), "both calls traced, destination only");
        Assert.That(spans.Any(s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)), "EF Core commands are traced");
        Assert.That(spans.SelectMany(Values).Where(v => v.Contains("+1555", StringComparison.Ordinal) || v.Contains("%2B1555", StringComparison.Ordinal) || v.Contains("/contacts", StringComparison.Ordinal)), Is.Empty);
    }
}

/// <summary>
/// The in-memory exporter adds spans from the exporting thread while a test reads them; it takes the lock on its own
/// adds only if the collection does, so this one does.
/// </summary>
internal sealed class LockedList<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
