using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench webhooks</c>: outbound webhooks delivered while a job runs. The API in its own process with the runtime
/// (and so the dispatcher) on and <c>Webhooks:AllowPrivateNetworks</c>; a no-op receiver (Kestrel, 204) in this
/// process. Baseline, in the same run: a job of <c>--rows</c> log+tag records with no endpoint. Then the same job with
/// one endpoint subscribed to <c>record.completed</c> and <c>job.completed</c>: its records/s (what writing the outbox
/// in the flush costs), and the events delivered per second from the run until the receiver has the last one.
/// </summary>
internal static class OutboundWebhookLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = IngestLoad.Option(args, "--rows", 2000);
        var root = Path.Combine(Path.GetTempPath(), "cxgear-webhooks-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await using var receiver = await NoOpReceiver.StartAsync();
        try
        {
            await using var process = await ApiProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "true",
                ["Webhooks:AllowPrivateNetworks"] = "true",
                ["Logging:LogLevel:CXGear.Application.Spinners"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Plans:Trial:jobs"] = "unlimited",
                ["Plans:Trial:records"] = "unlimited",
                ["Plans:Trial:spinners"] = "unlimited",
                ["Plans:Trial:data_tables"] = "unlimited",
            });
            using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var (project, key) = await IngestLoad.SignUpWithKeyAsync(http);
            var spinner = await RuntimeLoad.SpinnerOverAsync(
                http, project, key, rows, """{"steps":[{"id":"s1","type":"log","message":"Hi {{first_name}}","next":"s2"},{"id":"s2","type":"tag","disposition":"Contacted"}]}""");

            var baseline = await TimeJobAsync(http, spinner);

            var created = await http.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = receiver.Url, events = new[] { "record.completed", "job.completed" } });
            await IngestLoad.Json(created);
            var started = Stopwatch.GetTimestamp();
            var withEvents = await TimeJobAsync(http, spinner);
            var expected = rows + 1;
            await receiver.WaitForAsync(expected, TimeSpan.FromMinutes(5));
            var delivered = Stopwatch.GetElapsedTime(started);
            var lag = delivered - withEvents;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                webhooks: log+tag spinner over {rows} rows, SQLite, one instance, no-op receiver on loopback
                  job, no endpoint (baseline)       {rows / baseline.TotalSeconds,10:N0} records/s  ({baseline.TotalSeconds:N2} s)
                  job, record.* + job.* endpoint    {rows / withEvents.TotalSeconds,10:N0} records/s  ({withEvents.TotalSeconds:N2} s; ratio to baseline {baseline / withEvents:N3})
                  events delivered                  {receiver.Count / delivered.TotalSeconds,10:N0} events/s   ({receiver.Count} of {expected} in {delivered.TotalSeconds:N2} s from the run; last one {lag.TotalSeconds:N2} s after the job ended)
                  API peak memory (VmHWM) = {process.PeakMemoryMiB():N0} MiB
                """));
            return receiver.Count == expected ? 0 : 1;
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

    /// <summary>From run now to the job's completed status, polled every 20 ms.</summary>
    private static async Task<TimeSpan> TimeJobAsync(HttpClient http, string spinner)
    {
        var started = Stopwatch.GetTimestamp();
        var job = await RuntimeLoad.RunAsync(http, spinner);
        while ((await IngestLoad.Json(await http.GetAsync($"/api/v1/jobs/{job}"))).GetProperty("status").GetString() is not ("completed" or "partial" or "failed" or "cancelled"))
        {
            await Task.Delay(20);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Answers 204 to everything and counts distinct webhook-ids (a retry is not a second event).</summary>
    private sealed class NoOpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HashSet<string> _ids = [];

        private NoOpReceiver(WebApplication app) => _app = app;

        public string Url => $"{_app.Urls.First()}/hooks";

        public int Count
        {
            get
            {
                lock (_ids)
                {
                    return _ids.Count;
                }
            }
        }

        public static async Task<NoOpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new NoOpReceiver(app);
            app.Run(context =>
            {
                lock (receiver._ids)
                {
                    receiver._ids.Add(context.Request.Headers["webhook-id"].ToString());
                }

                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            return receiver;
        }

        public async Task WaitForAsync(int count, TimeSpan timeout)
        {
            var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (Count < count && Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
