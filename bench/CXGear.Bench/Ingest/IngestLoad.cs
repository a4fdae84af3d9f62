using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench ingest [--provider postgres]</c>: the API in its own process on a SQLite file (or a PostgreSQL database,
/// <see cref="BenchDatabase"/>); several clients push 500-record batches to
/// <c>POST /public/ingest</c> with an <c>ingest</c> key for a fixed number of requests; then, in the same run, the
/// engine's own limit (<see cref="EngineBaseline"/>). Prints rows/s, latency percentiles, the API's peak memory
/// and the API ÷ engine ratio.
/// </summary>
internal static class IngestLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = Option(args, "--requests", 400);
        var clients = Option(args, "--clients", 8);
        var batch = Option(args, "--batch", 500);
        var warmupSeconds = Option(args, "--warmup-seconds", 30);
        var root = Path.Combine(Path.GetTempPath(), "cxgear-ingest-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        using var database = BenchDatabase.Create(args, root);
        try
        {
            var bodies = Enumerable.Range(0, 8).Select(i => Records(i, batch)).ToList();

            ApiRun api;
            var settings = new Dictionary<string, string>
            {
                // The load is one key's; the limit under test is the server's, not the contract's 600/minute.
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "false",
            };
            database.AddTo(settings);
            await using (var process = await ApiProcess.StartAsync(root, settings))
            {
                api = await DriveAsync(process, bodies, TimeSpan.FromSeconds(warmupSeconds), requests, clients);
            }

            var engine = database.IsPostgres
                ? EngineBaseline.RunPostgres(database.ConnectionString, api.DataTableId, bodies, requests, Columns)
                : EngineBaseline.Run(api.DatabasePath, api.DataTableId, bodies, requests, Columns);
            Report(api, engine, requests, clients, batch, database.Name);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    private static async Task<ApiRun> DriveAsync(ApiProcess process, IReadOnlyList<List<Dictionary<string, object?>>> records, TimeSpan warmup, int requests, int clients)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var (tableId, key) = await ArrangeAsync(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // Serialized once up front, so the generator's own JSON work stays out of the figures.
        var payloads = records.Select(r => JsonSerializer.SerializeToUtf8Bytes(new { dataTableId = tableId, records = r })).ToList();

        // Warm-up with the timed run's own concurrency, for long enough that the JIT has finished tiering up: with
        // dynamic PGO a cold process runs tier-0 and then instrumented code, and on 2 cores busy with the load that lasts
        // tens of seconds (docs/decisions/0039). A 20-request warm-up measured that instead of the server's steady state.
        // The warm-up's own figures are printed too: they are what a freshly started instance does.
        var warm = await PhaseAsync(process, http, payloads, int.MaxValue, clients, warmup);
        var timed = await PhaseAsync(process, http, payloads, requests, clients);
        return new ApiRun(process.DatabasePath, tableId, timed, warm, process.PeakMemoryMiB());
    }

    /// <summary>
    /// <paramref name="requests"/> posts (or as many as fit in <paramref name="duration"/>) from <paramref name="clients"/>
    /// concurrent loops, timed, with the API's CPU time over them.
    /// </summary>
    private static async Task<Phase> PhaseAsync(ApiProcess process, HttpClient http, List<byte[]> payloads, int requests, int clients, TimeSpan? duration = null)
    {
        var latencies = new List<double>[clients];
        var next = -1;
        var cpu = process.CpuTime();
        var system = process.SystemCpuTime();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            int index;
            while ((duration is null || Stopwatch.GetElapsedTime(started) < duration) && (index = Interlocked.Increment(ref next)) < requests)
            {
                var sent = Stopwatch.GetTimestamp();
                await PostAsync(http, payloads[index % payloads.Count]);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        cpu = process.CpuTime() - cpu;
        system = process.SystemCpuTime() - system;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var done = Math.Max(all.Length, 1);
        return new Phase(all.Length, elapsed, all, cpu.TotalMilliseconds / done, system.TotalMilliseconds / done);
    }

    private static async Task PostAsync(HttpClient http, byte[] payload)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v1/public/ingest", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Signs up, creates a project and an ingest key; the client keeps the user's token.</summary>
    public static async Task<(Guid ProjectId, string Key)> SignUpWithKeyAsync(HttpClient http)
    {
        var signUp = await Json(await http.PostAsJsonAsync("/api/v1/auth/signup", new
        {
            organizationName = "Runtime Bench",
            fullName = "Bench User",
            email = $"bench-{Guid.NewGuid():N}@example.test",
            password = "a long bench passphrase",
        }));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signUp.GetProperty("accessToken").GetString());
        var project = await Json(await http.PostAsJsonAsync("/api/v1/projects", new { name = "Bench", type = "outreach" }));
        var key = await Json(await http.PostAsJsonAsync("/api/v1/api-keys", new { name = "bench", scopes = new[] { "ingest" } }));
        return (project.GetProperty("id").GetGuid(), key.GetProperty("secret").GetString()!);
    }

    /// <summary>An organization on the Enterprise-free path: sign up, one project, one table with columns, one ingest key.</summary>
    private static async Task<(Guid TableId, string Key)> ArrangeAsync(HttpClient http)
    {
        var signUp = await Json(await http.PostAsJsonAsync("/api/v1/auth/signup", new
        {
            organizationName = "Ingest Bench",
            fullName = "Bench User",
            email = $"bench-{Guid.NewGuid():N}@example.test",
            password = "a long bench passphrase",
        }));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signUp.GetProperty("accessToken").GetString());
        var project = await Json(await http.PostAsJsonAsync("/api/v1/projects", new { name = "Bench", type = "outreach" }));
        var table = await Json(await http.PostAsJsonAsync(
            $"/api/v1/projects/{project.GetProperty("id").GetGuid()}/data-tables",
            new { name = "Contacts", columns = Columns }));
        var key = await Json(await http.PostAsJsonAsync("/api/v1/api-keys", new { name = "bench", scopes = new[] { "ingest" } }));
        return (table.GetProperty("id").GetGuid(), key.GetProperty("secret").GetString()!);
    }

    public static readonly string[] Columns = ["first_name", "last_name", "email", "phone", "city", "score", "vip"];

    /// <summary>Contact-like rows: five strings, a number and a boolean, ~150 bytes of JSON each.</summary>
    public static List<Dictionary<string, object?>> Records(int seed, int count) =>
        Enumerable.Range(0, count).Select(i => new Dictionary<string, object?>
        {
            ["first_name"] = $"Ada{seed}",
            ["last_name"] = $"Lovelace{i}",
            ["email"] = $"ada.{seed}.{i}@example.com",
            ["phone"] = $"+4420{seed:D2}{i:D6}",
            ["city"] = i % 2 == 0 ? "London" : "Zürich",
            ["score"] = (i * 7 % 100) + 0.5,
            ["vip"] = i % 10 == 0,
        }).ToList();

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void Report(ApiRun api, EngineRun engine, int requests, int clients, int batch, string provider)
    {
        var rows = (double)requests * batch;
        var apiRate = rows / api.Timed.Elapsed.TotalSeconds;
        var engineRate = rows / engine.Elapsed.TotalSeconds;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"ingest on {provider}: {requests} requests × {batch} records after {api.Warmup.Requests} ({api.Warmup.Elapsed.TotalSeconds:N0} s) to warm up, {clients} concurrent clients; load average {LoadAverage()}")
            .AppendLine(CultureInfo.InvariantCulture, $"  warm-up {api.Warmup.Requests * (double)batch / Math.Max(api.Warmup.Elapsed.TotalSeconds, 1e-9),12:N0} rows/s  ({api.Warmup.Elapsed.TotalSeconds:N2} s)  API CPU per request {api.Warmup.CpuMsPerRequest:N2} ms: a cold process, JIT tiering included")
            .AppendLine(CultureInfo.InvariantCulture, $"  API     {apiRate,12:N0} rows/s  ({api.Timed.Elapsed.TotalSeconds:N2} s)  p50 {Latencies.Percentile(api.Timed.Latencies, 50):N1} ms  p95 {Latencies.Percentile(api.Timed.Latencies, 95):N1} ms  p99 {Latencies.Percentile(api.Timed.Latencies, 99):N1} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"  engine  {engineRate,12:N0} rows/s  ({engine.Elapsed.TotalSeconds:N2} s)  {engine.Method}, one transaction per {batch}-row batch")
            .AppendLine(CultureInfo.InvariantCulture, $"  ratio API ÷ engine = {apiRate / engineRate:N2}")
            .AppendLine(CultureInfo.InvariantCulture, $"  API peak memory (VmHWM) = {api.PeakMemoryMiB?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a"} MiB")
            .AppendLine(CultureInfo.InvariantCulture, $"  API CPU per request = {api.Timed.CpuMsPerRequest:N2} ms (system {api.Timed.SystemCpuMsPerRequest:N2} ms)");
        Console.WriteLine(text);
    }

    /// <summary>The machine is shared: the 1/5/15-minute load averages go beside every figure.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record ApiRun(string DatabasePath, Guid DataTableId, Phase Timed, Phase Warmup, double? PeakMemoryMiB);

    /// <param name="CpuMsPerRequest">The API process's CPU time (user + system) per request over the phase: less moved than wall time when other work shares the cores.</param>
    /// <param name="SystemCpuMsPerRequest">The kernel's share of it (sockets, writes, fsyncs).</param>
    private sealed record Phase(int Requests, TimeSpan Elapsed, double[] Latencies, double CpuMsPerRequest, double SystemCpuMsPerRequest);
}
