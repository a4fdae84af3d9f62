using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench trickle</c>: what one tenant's slow CSV upload does to another tenant's writes (security issue 15, item 2;
/// docs/decisions/0024-upload-spool.md). The API runs as its own process (Kestrel on loopback, SQLite file). Tenant B
/// first sends ingest batches and sign-ins with nothing else running (the baseline); then tenant A starts a
/// <c>POST /data-tables/{id}/import</c> whose body arrives at <c>--rate</c> bytes/s for <c>--seconds</c>, and B sends the
/// same requests, one after the other, until A's upload has ended. Prints B's latencies in both phases and A's outcome.
/// </summary>
internal static class UploadTrickleLoad
{
    private const string Password = "a long bench passphrase";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = IngestLoad.Option(args, "--seconds", 20);
        var rate = IngestLoad.Option(args, "--rate", 300);
        var root = Path.Combine(Path.GetTempPath(), "cxgear-trickle-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            await using var api = await ApiProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "false",
            });
            using var uploader = Client(api);
            using var other = Client(api);
            var uploaderTable = await ArrangeUploaderAsync(uploader);
            var (email, key, tableId) = await ArrangeOtherAsync(other);

            var baseline = new Phase();
            for (var i = 0; i < 10; i++)
            {
                await baseline.RunAsync(other, email, key, tableId);
            }

            var body = new TricklingCsv(rate, TimeSpan.FromSeconds(seconds));
            var sent = Stopwatch.StartNew();
            var upload = UploadAsync(uploader, uploaderTable, body);
            await body.Started;

            // Time for the server to take the upload's request in (headers, authentication) before the other tenant starts.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var during = new Phase();
            while (!body.Finished.IsCompleted)
            {
                await during.RunAsync(other, email, key, tableId);
            }

            var (status, answer) = await upload;
            Console.WriteLine($"Uploader: {body.BytesSent:N0} bytes at ~{rate} B/s over {seconds} s; answered {(int)status} after {sent.Elapsed.TotalSeconds:N1} s: {answer}");
            baseline.Report("Other tenant, nothing else running");
            during.Report("Other tenant, while the upload trickles");
            return status == HttpStatusCode.OK ? 0 : 1;
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

    private static HttpClient Client(ApiProcess api) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };

    private static async Task<Guid> ArrangeUploaderAsync(HttpClient http)
    {
        var token = (await SignUpAsync(http, $"uploader-{Guid.NewGuid():N}@example.test")).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var project = await Json(await http.PostAsJsonAsync("/api/v1/projects", new { name = "Uploads", type = "outreach" }));
        var table = await Json(await http.PostAsJsonAsync($"/api/v1/projects/{project.GetProperty("id").GetGuid()}/data-tables", new { name = "Contacts" }));
        return table.GetProperty("id").GetGuid();
    }

    private static async Task<(string Email, string Key, Guid TableId)> ArrangeOtherAsync(HttpClient http)
    {
        var email = $"other-{Guid.NewGuid():N}@example.test";
        var token = (await SignUpAsync(http, email)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var project = await Json(await http.PostAsJsonAsync("/api/v1/projects", new { name = "Ingest", type = "outreach" }));
        var table = await Json(await http.PostAsJsonAsync(
            $"/api/v1/projects/{project.GetProperty("id").GetGuid()}/data-tables",
            new { name = "Contacts", columns = IngestLoad.Columns }));
        var key = await Json(await http.PostAsJsonAsync("/api/v1/api-keys", new { name = "bench", scopes = new[] { "ingest" } }));
        http.DefaultRequestHeaders.Authorization = null;
        return (email, key.GetProperty("secret").GetString()!, table.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> SignUpAsync(HttpClient http, string email) =>
        await Json(await http.PostAsJsonAsync("/api/v1/auth/signup", new { organizationName = "Trickle Bench", fullName = "Bench User", email, password = Password }));

    private static async Task<(HttpStatusCode Status, string Body)> UploadAsync(HttpClient http, Guid tableId, HttpContent body)
    {
        using var response = await http.PostAsync(new Uri($"/api/v1/data-tables/{tableId}/import", UriKind.Relative), body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>One round of the other tenant's work: a 10-record ingest with its key, then a sign-in (takeover).</summary>
    private sealed class Phase
    {
        private readonly List<double> _ingest = [];
        private readonly List<double> _login = [];

        public async Task RunAsync(HttpClient http, string email, string key, Guid tableId)
        {
            var records = Enumerable.Range(0, 10).Select(i => new Dictionary<string, object?> { ["first_name"] = $"Ada {i}", ["email"] = $"ada{i}@example.test", ["score"] = i }).ToArray();
            using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/ingest") { Content = JsonContent.Create(new { dataTableId = tableId, records }) };
            ingest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            _ingest.Add(await TimeAsync(http, ingest));
            using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password = Password, deviceLabel = "bench", takeover = true }) };
            _login.Add(await TimeAsync(http, login));
        }

        public void Report(string title)
        {
            _ingest.Sort();
            _login.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {_ingest.Count} ingests p50 {Latencies.Percentile(_ingest, 50):N0} ms, p99 {Latencies.Percentile(_ingest, 99):N0} ms, max {_ingest[^1]:N0} ms; {_login.Count} sign-ins p50 {Latencies.Percentile(_login, 50):N0} ms, max {_login[^1]:N0} ms"));
        }

        private static async Task<double> TimeAsync(HttpClient http, HttpRequestMessage request)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {text}");
            }

            return clock.Elapsed.TotalMilliseconds;
        }
    }

    /// <summary>
    /// A CSV body written every 100 ms at the given average rate: header first, then rows, until the time is up. Chunked.
    /// Kestrel cuts a body slower than 240 B/s on average (its default minimum data rate), so the rate stays above that.
    /// </summary>
    private sealed class TricklingCsv : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _bytesPerSecond;
        private readonly TimeSpan _duration;

        public TricklingCsv(int bytesPerSecond, TimeSpan duration)
        {
            _bytesPerSecond = bytesPerSecond;
            _duration = duration;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        public Task Started => _started.Task;

        public Task Finished => _finished.Task;

        public long BytesSent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            try
            {
                var pending = new StringBuilder("name,phone\n");
                var row = 0;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < _duration)
                {
                    // What is due by now at the rate, so a late timer on a busy machine does not slow the body down.
                    var due = (int)Math.Max(1, (_bytesPerSecond * clock.Elapsed.TotalSeconds) - BytesSent);
                    while (pending.Length < due)
                    {
                        pending.Append(CultureInfo.InvariantCulture, $"Person {row},+1555{row++:D6}\n");
                    }

                    var chunk = Encoding.UTF8.GetBytes(pending.ToString(0, due));
                    pending.Remove(0, due);
                    await stream.WriteAsync(chunk);
                    await stream.FlushAsync();
                    BytesSent += chunk.Length;
                    _started.TrySetResult();
                    await Task.Delay(100);
                }

                // End on a whole row.
                var end = pending.ToString().IndexOf('\n', StringComparison.Ordinal);
                var tail = Encoding.UTF8.GetBytes(end < 0 ? string.Empty : pending.ToString(0, end + 1));
                await stream.WriteAsync(tail);
                BytesSent += tail.Length;
            }
            finally
            {
                _finished.TrySetResult();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
