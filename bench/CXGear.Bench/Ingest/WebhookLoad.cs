using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench webhook</c>: Meta's webhook under load. The API in its own process (runtime on, so the applier works as in
/// production); one organization with a WhatsApp channel; clients POST signed bodies of one inbound message each to
/// <c>/public/channels/whatsapp/webhook</c>. In the same run, as references: <c>GET /health/live</c> (a no-op route)
/// and the same POSTs with a wrong signature (refused after the HMAC, nothing stored). Then how long the applier takes
/// to apply what was stored. Prints requests/s and latency percentiles for each.
/// </summary>
internal static class WebhookLoad
{
    private const string AppSecret = "bench-meta-app-secret";
    private const string Path = "/api/v1/public/channels/whatsapp/webhook";

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = IngestLoad.Option(args, "--requests", 4000);
        var clients = IngestLoad.Option(args, "--clients", 8);
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cxgear-webhook-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            await using var process = await ApiProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "true",
                ["Channels:WhatsApp:AppId"] = "1234567890",
                ["Channels:WhatsApp:AppSecret"] = AppSecret,
            });
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var phoneNumberId = await ArrangeChannelAsync(http, process.DatabasePath);

            // Bodies and signatures are made up front, so the generator's own work stays out of the figures.
            var signed = Enumerable.Range(0, requests).Select(i => Body(phoneNumberId, i)).Select(b => (Body: b, Signature: Sign(b))).ToList();
            var forged = signed.Select(s => (s.Body, Signature: "sha256=" + new string('0', 64))).ToList();

            await DriveAsync(http, Math.Min(200, requests), clients, i => Post(http, signed[i % signed.Count], expect: 200)); // warm-up
            var noOp = await DriveAsync(http, requests, clients, _ => Get(http, "/health/live"));
            var refused = await DriveAsync(http, requests, clients, i => Post(http, forged[i], expect: 401));
            var accepted = await DriveAsync(http, requests, clients, i => Post(http, signed[i], expect: 200));
            var drained = await WaitAppliedAsync(process.DatabasePath);

            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"webhook: {requests} requests per line, {clients} concurrent clients, one inbound message per POST (~{signed[0].Body.Length} bytes)")
                .AppendLine(Line("GET /health/live (no-op)", noOp, requests))
                .AppendLine(Line("POST, wrong signature (401)", refused, requests))
                .AppendLine(Line("POST, signed (200, stored)", accepted, requests))
                .AppendLine(CultureInfo.InvariantCulture, $"  applier: every delivery applied {drained.TotalSeconds:N2} s after the last POST answered ({drained.Messages} messages stored)")
                .AppendLine(CultureInfo.InvariantCulture, $"  API peak memory (VmHWM) = {process.PeakMemoryMiB()?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a"} MiB");
            Console.WriteLine(text);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
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

    private static string Line(string name, Run run, int requests) =>
        string.Create(CultureInfo.InvariantCulture, $"  {name,-30} {requests / run.Elapsed.TotalSeconds,8:N0} req/s  p50 {Latencies.Percentile(run.Latencies, 50),6:N2} ms  p99 {Latencies.Percentile(run.Latencies, 99),6:N2} ms");

    private static async Task<Run> DriveAsync(HttpClient http, int requests, int clients, Func<int, Task> send)
    {
        var latencies = new double[requests];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var sent = Stopwatch.GetTimestamp();
                await send(index);
                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Array.Sort(latencies);
        return new Run(elapsed, latencies);
    }

    private static async Task Post(HttpClient http, (string Body, string Signature) request, int expect)
    {
        using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        message.Headers.Add("X-Hub-Signature-256", request.Signature);
        using var response = await http.SendAsync(message);
        if ((int)response.StatusCode != expect)
        {
            throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}, expected {expect}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Signs up and gives the organization a channel straight in the database: connecting through Meta needs Meta, and
    /// what is measured here starts after the connection. The token is never read by the applier.
    /// </summary>
    private static async Task<string> ArrangeChannelAsync(HttpClient http, string databasePath)
    {
        var signUp = await IngestLoad.Json(await http.PostAsJsonAsync("/api/v1/auth/signup", new
        {
            organizationName = "Webhook Bench",
            fullName = "Bench User",
            email = $"bench-{Guid.NewGuid():N}@example.test",
            password = "a long bench passphrase",
        }));
        var organizationId = signUp.GetProperty("organization").GetProperty("id").GetGuid();
        var userId = signUp.GetProperty("user").GetProperty("id").GetGuid();
        const string phoneNumberId = "106540352242922";
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Channels" ("Id", "OrganizationId", "Kind", "DisplayName", "PhoneNumber", "PhoneNumberId", "WabaId", "ProtectedToken", "Status", "ConnectedAt", "ConnectedByUserId")
            VALUES ($id, $org, 'whatsapp', 'Bench', '+1 555-010-0001', $pnid, '102290129340398', 'not-a-token', 'Connected', $now, $user)
            """;
        insert.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$org", organizationId.ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$pnid", phoneNumberId);
        insert.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$user", userId.ToString().ToUpperInvariant());
        await insert.ExecuteNonQueryAsync();
        return phoneNumberId;
    }

    /// <summary>Polls until no delivery is left unprocessed; the time from the last answer and the messages stored.</summary>
    private static async Task<(double TotalSeconds, long Messages)> WaitAppliedAsync(string databasePath)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        while (true)
        {
            await using var pending = connection.CreateCommand();
            pending.CommandText = """SELECT COUNT(*) FROM "ChannelWebhookDeliveries" WHERE "ProcessedAt" IS NULL""";
            if ((long)(await pending.ExecuteScalarAsync())! == 0)
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                await using var count = connection.CreateCommand();
                count.CommandText = """SELECT COUNT(*) FROM "ChannelMessages" """;
                return (elapsed, (long)(await count.ExecuteScalarAsync())!);
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("The applier did not catch up within 5 minutes.");
            }

            await Task.Delay(20);
        }
    }

    private static string Sign(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(body)));

    /// <summary>One inbound text message, as Meta sends it.</summary>
    private static string Body(string phoneNumberId, int i) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = "102290129340398",
            ["changes"] = new JsonArray(new JsonObject
            {
                ["field"] = "messages",
                ["value"] = new JsonObject
                {
                    ["messaging_product"] = "whatsapp",
                    ["metadata"] = new JsonObject { ["display_phone_number"] = "15550100001", ["phone_number_id"] = phoneNumberId },
                    ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Kerry" }, ["wa_id"] = "15551230001" }),
                    ["messages"] = new JsonArray(new JsonObject
                    {
                        ["from"] = "15551230001",
                        ["id"] = $"wamid.HBgLMTU1NTEyMzAwMDEVAgASGBQz{i:D8}{Guid.NewGuid():N}",
                        ["timestamp"] = "1764579600",
                        ["type"] = "text",
                        ["text"] = new JsonObject { ["body"] = $"Hello, this is message {i}: yes, please call me tomorrow morning." },
                    }),
                },
            }),
        }),
    }.ToJsonString();

    private sealed record Run(TimeSpan Elapsed, double[] Latencies);
}
