using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench runtime --call-latency-ms 100</c>: the runtime on network-bound work. A local Kestrel endpoint in this
/// process answers every call after the latency; organization A runs an <c>api_call</c> → <c>tag</c> spinner over
/// <c>--rows</c> rows (2,000); once that job is running, organization B triggers a one-row tag job. Reports A's
/// records/s against the ideal for the configured concurrency (records in flight ÷ latency), how long B's job took
/// from its request to its end, and the API's peak memory.
/// </summary>
internal static class RuntimeLatencyLoad
{
    private const string Tag = """{"steps":[{"id":"t1","type":"tag","disposition":"Done"}]}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var latency = IngestLoad.Option(args, "--call-latency-ms", 100);
        var rows = IngestLoad.Option(args, "--rows", 2000);
        var inFlight = IngestLoad.Option(args, "--records-in-flight", 16);
        var root = Path.Combine(Path.GetTempPath(), "cxgear-runtime-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await using var endpoint = await SlowEndpoint.StartAsync(TimeSpan.FromMilliseconds(latency));
        try
        {
            await using var process = await ApiProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "true",
                ["Runtime:MaxConcurrentRecordsPerJob"] = inFlight.ToString(CultureInfo.InvariantCulture),
                ["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1",
                ["Runtime:Outbound:AllowPrivateNetworks"] = "true",
                ["Logging:LogLevel:CXGear.Application.Spinners"] = "Warning",
                ["Plans:Trial:jobs"] = "unlimited",
                ["Plans:Trial:records"] = "unlimited",
            });
            using var a = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            using var b = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var (projectA, keyA) = await IngestLoad.SignUpWithKeyAsync(a);
            var (projectB, keyB) = await IngestLoad.SignUpWithKeyAsync(b);
            var call = $$$"""{"steps":[{"id":"a1","type":"api_call","method":"POST","url":"http://127.0.0.1:{{{endpoint.Port}}}/crm","body":"{{phone}}","saveAs":"crm","next":"t1"},{"id":"t1","type":"tag","disposition":"Synced"}]}""";
            var big = await RuntimeLoad.SpinnerOverAsync(a, projectA, keyA, rows, call);
            var small = await RuntimeLoad.SpinnerOverAsync(b, projectB, keyB, 1, Tag);

            var started = Stopwatch.GetTimestamp();
            var bigJob = await RuntimeLoad.RunAsync(a, big);
            await WaitForAsync(a, bigJob, "running");
            var smallStarted = Stopwatch.GetTimestamp();
            var smallJob = await RuntimeLoad.RunAsync(b, small);
            await WaitForAsync(b, smallJob, "completed");
            var smallWaited = Stopwatch.GetElapsedTime(smallStarted);
            await WaitForAsync(a, bigJob, "completed");
            var elapsed = Stopwatch.GetElapsedTime(started);
            var ran = (await IngestLoad.Json(await a.GetAsync($"/api/v1/jobs/{bigJob}"))).GetProperty("durationSeconds").GetDouble();

            var ideal = inFlight * 1000.0 / latency;
            var perSecond = rows / ran;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                runtime, network-bound: api_call ({latency} ms) → tag, {rows} rows, {inFlight} records in flight, SQLite, one instance
                  records/s while running      {perSecond,10:N1}  (startedAt → endedAt {ran:N2} s; end to end {rows / elapsed.TotalSeconds:N1} records/s)
                  ideal (in flight ÷ latency)  {ideal,10:N1}
                  ratio                        {perSecond / ideal,10:N2}
                  other organization's 1-row job, request → completed: {smallWaited.TotalMilliseconds:N0} ms
                  calls answered by the endpoint: {endpoint.Calls}, most in flight at once: {endpoint.MostInFlight}
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

    private static async Task WaitForAsync(HttpClient http, string job, string wanted)
    {
        while (true)
        {
            var status = (await IngestLoad.Json(await http.GetAsync($"/api/v1/jobs/{job}"))).GetProperty("status").GetString();
            if (status == wanted || (wanted == "running" && status == "completed"))
            {
                return;
            }

            if (status is "partial" or "failed" or "cancelled")
            {
                throw new InvalidOperationException($"Job {job} ended {status}: the benchmark would measure failures.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Answers every request after the latency and counts how many it holds at once.</summary>
    private sealed class SlowEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _inFlight;
        private int _most;
        private int _calls;

        private SlowEndpoint(WebApplication app) => _app = app;

        public int Port => new Uri(_app.Urls.First()).Port;

        public int Calls => Volatile.Read(ref _calls);

        public int MostInFlight => Volatile.Read(ref _most);

        public static async Task<SlowEndpoint> StartAsync(TimeSpan latency)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var endpoint = new SlowEndpoint(app);
            app.Run(async context =>
            {
                Interlocked.Increment(ref endpoint._calls);
                var now = Interlocked.Increment(ref endpoint._inFlight);
                int seen;
                while ((seen = Volatile.Read(ref endpoint._most)) < now && Interlocked.CompareExchange(ref endpoint._most, now, seen) != seen)
                {
                }

                try
                {
                    await Task.Delay(latency, context.RequestAborted);
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"ok\":true}");
                }
                finally
                {
                    Interlocked.Decrement(ref endpoint._inFlight);
                }
            });
            await app.StartAsync();
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
