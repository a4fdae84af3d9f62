using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CXGear.Api.Tests.DataTables;

/// <summary>
/// Group commit's crash safety (docs/decisions/0036-ingest-group-commit.md): the built API runs as a child process on a
/// temporary SQLite file, several clients push batches whose rows carry their batch id, and the process is killed
/// (SIGKILL, no shutdown) while batches are in flight. The file, opened afterwards, must hold every batch that was
/// answered 200, and no batch in part; the table's count must match its rows.
/// </summary>
[NonParallelizable]
public sealed class IngestCrashTests
{
    private const int Clients = 4;
    private const int RowsPerBatch = 100;
    private const int AcksBeforeKill = 24;

    private string _root = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "cxgear-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteRoot()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    [Test]
    public async Task After_kill_9_mid_load_every_acknowledged_batch_is_stored_whole_and_no_batch_is_partial()
    {
        var database = Path.Combine(_root, "cxgear.db");
        var port = FreePort();
        using var api = StartApi(database, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilReadyAsync(http, api);
            var (tableId, key) = await ArrangeAsync(http);

            var acked = new ConcurrentBag<int>();

            // Kestrel's request body, not the test server's: the ingest routes' own body reader (RecordsBodyInputFormatter)
            // binds with an extra member (batch 0), and malformed JSON is still a 400.
            using (var client = new HttpClient { BaseAddress = http.BaseAddress })
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var other = await client.PostAsJsonAsync("/api/v1/public/ingest", new { dataTableId = tableId, records = Records(0), source = "crm" });
                Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), await other.Content.ReadAsStringAsync());
                acked.Add(0);
                using var malformed = await client.PostAsync("/api/v1/public/ingest", new StringContent("{\"records\":[", System.Text.Encoding.UTF8, "application/json"));
                Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await malformed.Content.ReadAsStringAsync());
            }

            var nextBatch = 0;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                while (true)
                {
                    var batch = Interlocked.Increment(ref nextBatch);
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/api/v1/public/ingest", new { dataTableId = tableId, records = Records(batch) });
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            throw new InvalidOperationException($"Batch {batch}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        }

                        acked.Add(batch);
                        if (acked.Count > AcksBeforeKill)
                        {
                            enough.TrySetResult();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // The server is gone: what this batch became is for the file to tell.
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            await Task.WhenAny(enough.Task, Task.WhenAll(clients));
            Assert.That(enough.Task.IsCompletedSuccessfully, Is.True, "the clients stopped before the kill: " + string.Join("; ", clients.Where(c => c.IsFaulted).Select(c => c.Exception!.GetBaseException().Message)));
            api.Kill();
            await api.WaitForExitAsync();
            await Task.WhenAll(clients);

            var stored = ReadBatches(database, tableId, out var rowCount, out var lastSequence, out var sequences);
            Assert.Multiple(() =>
            {
                Assert.That(acked, Has.Count.GreaterThanOrEqualTo(AcksBeforeKill + 1));
                foreach (var batch in acked)
                {
                    Assert.That(stored.GetValueOrDefault(batch), Is.EqualTo(RowsPerBatch), $"acknowledged batch {batch} is stored whole");
                }

                foreach (var (batch, rows) in stored)
                {
                    Assert.That(rows, Is.EqualTo(RowsPerBatch), $"batch {batch} is whole or absent");
                }

                Assert.That(rowCount, Is.EqualTo(stored.Values.Sum()), "the table's count matches its rows");
                Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, sequences.Count).Select(i => (long)i)), "rows numbered 1..n without gaps");
                Assert.That(lastSequence, Is.EqualTo(sequences.Count));
            });
        }
        finally
        {
            if (!api.HasExited)
            {
                api.Kill();
                await api.WaitForExitAsync();
            }
        }
    }

    private static object[] Records(int batch) =>
        Enumerable.Range(0, RowsPerBatch).Select(i => (object)new Dictionary<string, object?> { ["batch"] = batch, ["item"] = i, ["note"] = $"row {i} of batch {batch}" }).ToArray();

    /// <summary>Rows per batch id, read from the file as SQLite recovers it (the WAL is replayed on open).</summary>
    private static Dictionary<int, int> ReadBatches(string database, string tableId, out long rowCount, out long lastSequence, out List<long> sequences)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var table = Guid.Parse(tableId).ToString("D").ToUpperInvariant();
        using (var count = connection.CreateCommand())
        {
            count.CommandText = """SELECT "RowCount", "LastSequence" FROM "DataTables" WHERE "Id" = $id""";
            count.Parameters.AddWithValue("$id", table);
            using var reader = count.ExecuteReader();
            Assert.That(reader.Read(), Is.True, "the table exists");
            rowCount = reader.GetInt64(0);
            lastSequence = reader.GetInt64(1);
        }

        var batches = new Dictionary<int, int>();
        sequences = [];
        using var rows = connection.CreateCommand();
        rows.CommandText = """SELECT "Sequence", "Values" FROM "DataRows" WHERE "DataTableId" = $id ORDER BY "Sequence" """;
        rows.Parameters.AddWithValue("$id", table);
        using (var reader = rows.ExecuteReader())
        {
            while (reader.Read())
            {
                sequences.Add(reader.GetInt64(0));
                using var values = JsonDocument.Parse(reader.GetString(1));
                var batch = values.RootElement[0].GetInt32();
                batches[batch] = batches.GetValueOrDefault(batch) + 1;
            }
        }

        return batches;
    }

    private static async Task<(string TableId, string Key)> ArrangeAsync(HttpClient http)
    {
        var signUp = await JsonAsync(await http.PostAsJsonAsync("/api/v1/auth/signup", new
        {
            organizationName = "Crash test",
            fullName = "Ada Admin",
            email = $"crash-{Guid.NewGuid():N}@example.com",
            password = "a long crash-test passphrase",
        }));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signUp.GetProperty("accessToken").GetString());
        var project = await JsonAsync(await http.PostAsJsonAsync("/api/v1/projects", new { name = "Crash", type = "outreach" }));
        var table = await JsonAsync(await http.PostAsJsonAsync(
            $"/api/v1/projects/{project.GetProperty("id").GetGuid()}/data-tables", new { name = "Batches", columns = new[] { "batch", "item", "note" } }));
        var key = await JsonAsync(await http.PostAsJsonAsync("/api/v1/api-keys", new { name = "crash", scopes = new[] { "ingest" } }));
        http.DefaultRequestHeaders.Authorization = null;
        return (table.GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The API as built next to the tests (CXGear.Api.dll), in Production, on the test's own file.</summary>
    private Process StartApi(string database, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CXGear.Api.dll"), "--contentRoot", Path.Combine(RepositoryRoot(), "src", "CXGear.Api")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["PUBLIC_API_URL"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__CXGear"] = $"Data Source={database}",
            ["Database__MigrateOnStartup"] = "true",
            ["Jwt__SigningKey"] = "crash-test-signing-key-that-is-long-enough-for-hs256-0123456789",
            ["Email__PickupDirectory"] = Path.Combine(_root, "mail"),
            ["RateLimits__ApiKeyPerMinute"] = "0",
            ["RateLimits__UserPerMinute"] = "0",
            ["RateLimits__AuthPerIpPerMinute"] = "0",
            ["Runtime__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The API did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process api)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.That(api.HasExited, Is.False, () => $"the API exited with code {api.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: an external process has no ready signal but this one.
            }

            await Task.Delay(100);
        }

        Assert.Fail("The API was not ready after 60 s.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CXGear.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
