using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Application;
using CXGear.Application.Spinners.Runtime;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench runtime [--provider postgres]</c>: what the job runtime sustains on SQLite (or PostgreSQL,
/// <see cref="BenchDatabase"/>). The API in its own process with the runtime on;
/// a log+tag spinner; (1) one job over a table of <c>--rows</c> rows → records/s; (2) <c>--jobs</c> jobs of 10 rows
/// queued at once → jobs/s. Times are from queueing to the last job's terminal status, polled every 20 ms.
/// </summary>
internal static class RuntimeLoad
{
    private const string Definition = """{"steps":[{"id":"s1","type":"log","message":"Hi {{first_name}} from {{city}}","next":"s2"},{"id":"s2","type":"tag","disposition":"Contacted"}]}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = IngestLoad.Option(args, "--rows", 2000);
        var jobs = IngestLoad.Option(args, "--jobs", 50);
        var warmup = TimeSpan.FromSeconds(IngestLoad.Option(args, "--warmup-seconds", 20));
        var root = Path.Combine(Path.GetTempPath(), "cxgear-runtime-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        using var database = BenchDatabase.Create(args, root);
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "true",
                ["Runtime:RecordBatchSize"] = Environment.GetEnvironmentVariable("CXGEAR_BENCH_BATCH") ?? "100",
                ["Logging:LogLevel:CXGear.Application.Spinners"] = Environment.GetEnvironmentVariable("CXGEAR_BENCH_STEP_LOGS") ?? "Information",
                ["Plans:Trial:jobs"] = "unlimited",
                ["Plans:Trial:records"] = "unlimited",
                ["Plans:Trial:spinners"] = "unlimited",
                ["Plans:Trial:data_tables"] = "unlimited",
            };
            database.AddTo(settings);
            await using var process = await ApiProcess.StartAsync(root, settings);
            using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var (project, key) = await IngestLoad.SignUpWithKeyAsync(http);
            var big = await SpinnerOverAsync(http, project, key, rows);
            var small = await SpinnerOverAsync(http, project, key, 10);

            // The same job run again and again first, so the timed run measures a warm process, not the JIT tiering up
            // (docs/decisions/0039). The first of them is the cold figure.
            var (coldRuns, coldFirst) = await WarmUpAsync(http, big, warmup);

            var started = Stopwatch.GetTimestamp();
            var bigJob = await RunAsync(http, big);
            var queuedIn = Stopwatch.GetElapsedTime(started);
            await WaitAllAsync(http, [bigJob]);
            var bigElapsed = Stopwatch.GetElapsedTime(started);
            var ran = (await IngestLoad.Json(await http.GetAsync($"/api/v1/jobs/{bigJob}"))).GetProperty("durationSeconds").GetDouble();

            started = Stopwatch.GetTimestamp();
            var queued = new List<string>();
            for (var i = 0; i < jobs; i++)
            {
                queued.Add(await RunAsync(http, small));
            }

            await WaitAllAsync(http, queued);
            var smallElapsed = Stopwatch.GetElapsedTime(started);
            var engine = await EngineRecordsPerSecondAsync(rows);
            var runtime = rows / bigElapsed.TotalSeconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                runtime: log+tag spinner, {database.Name}, one runtime instance, after {coldRuns} warm-up jobs; load average {IngestLoad.LoadAverage()}
                  first job of a cold process  {rows / coldFirst.TotalSeconds,10:N0} records/s  ({coldFirst.TotalSeconds:N2} s)
                  engine alone (baseline)      {engine,10:N0} records/s
                  run now over {rows} rows answered in {queuedIn.TotalMilliseconds:N0} ms ({rows / queuedIn.TotalSeconds:N0} records snapshotted/s)
                  one job × {rows} rows      {runtime,10:N0} records/s  ({bigElapsed.TotalSeconds:N2} s; ratio to engine {runtime / engine:N3})
                    of which running (startedAt → endedAt) {ran:N2} s = {rows / ran:N0} records/s
                  {jobs} jobs × 10 rows       {jobs / smallElapsed.TotalSeconds,10:N1} jobs/s     ({smallElapsed.TotalSeconds:N2} s, {jobs * 10 / smallElapsed.TotalSeconds:N0} records/s)
                  API peak memory (VmHWM) = {process.PeakMemoryMiB():N0} MiB
                """));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    /// <summary>
    /// The baseline, in this process: the same spinner run by the step engine over the same payloads with no
    /// database at all, so the ratio says what claiming, reading, writing outcomes and journeys costs on top.
    /// </summary>
    /// <summary>Runs <paramref name="spinner"/>'s job to its end repeatedly for at least <paramref name="duration"/>: how many, and how long the first took.</summary>
    private static async Task<(int Runs, TimeSpan First)> WarmUpAsync(HttpClient http, string spinner, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var runs = 0;
        var first = TimeSpan.Zero;
        do
        {
            var run = Stopwatch.GetTimestamp();
            await WaitAllAsync(http, [await RunAsync(http, spinner)]);
            first = runs++ == 0 ? Stopwatch.GetElapsedTime(run) : first;
        }
        while (Stopwatch.GetElapsedTime(started) < duration);

        return (runs, first);
    }

    private static async Task<double> EngineRecordsPerSecondAsync(int rows)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:Enabled"] = "false" }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddApplication()
            .AddSpinnerRuntime(configuration)
            .BuildServiceProvider();
        var engine = services.GetRequiredService<SpinnerEngine>();
        var definition = SpinnerDefinition.Parse(Definition).Definition!;
        var payloads = IngestLoad.Records(0, rows)
            .Select(r => r.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)))
            .ToList();
        var context = new RunContext(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Warm, as the runtime is when it is timed: the engine's hot path tiered up before the timed pass.
        var warming = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(3))
        {
            foreach (var payload in payloads)
            {
                await engine.RunAsync(definition, payload, context, CancellationToken.None);
            }
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var payload in payloads)
        {
            await engine.RunAsync(definition, payload, context, CancellationToken.None);
        }

        return rows / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static Task<string> SpinnerOverAsync(HttpClient http, Guid project, string key, int rows) =>
        SpinnerOverAsync(http, project, key, rows, Definition);

    /// <summary>A table of <paramref name="rows"/> contact rows pushed through public ingest, and a published spinner over it.</summary>
    internal static async Task<string> SpinnerOverAsync(HttpClient http, Guid project, string key, int rows, string definition)
    {
        var table = await IngestLoad.Json(await http.PostAsJsonAsync($"/api/v1/projects/{project}/data-tables", new { name = $"T{rows}", columns = IngestLoad.Columns }));
        var tableId = table.GetProperty("id").GetGuid();
        for (var sent = 0; sent < rows; sent += 500)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/ingest")
            {
                Content = JsonContent.Create(new { dataTableId = tableId, records = IngestLoad.Records(sent, Math.Min(500, rows - sent)) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await IngestLoad.Json(await http.SendAsync(request));
        }

        var spinner = await IngestLoad.Json(await http.PostAsJsonAsync($"/api/v1/projects/{project}/spinners", new { name = $"S{rows}", dataTableId = tableId, definition = JsonNode.Parse(definition) }));
        var id = spinner.GetProperty("id").GetString()!;
        await IngestLoad.Json(await http.PostAsync($"/api/v1/spinners/{id}/publish", null));
        return id;
    }

    internal static async Task<string> RunAsync(HttpClient http, string spinner) =>
        (await IngestLoad.Json(await http.PostAsync($"/api/v1/spinners/{spinner}/run", null))).GetProperty("jobId").GetString()!;

    private static async Task WaitAllAsync(HttpClient http, IReadOnlyList<string> jobs)
    {
        foreach (var job in jobs)
        {
            while (true)
            {
                var status = (await IngestLoad.Json(await http.GetAsync($"/api/v1/jobs/{job}"))).GetProperty("status").GetString();
                if (status is "completed" or "partial" or "failed" or "cancelled")
                {
                    if (status != "completed")
                    {
                        throw new InvalidOperationException($"Job {job} ended {status}: the benchmark would measure failures.");
                    }

                    break;
                }

                await Task.Delay(20);
            }
        }
    }
}
