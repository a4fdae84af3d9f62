using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Client;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench csv</c>: a generated ~100 MB CSV (8 columns, quoted fields, escaped quotes, line breaks inside quotes) read
/// (1) by the CSV reader alone in this process, and (2) imported over HTTP into the API running as its own process
/// (Release, SQLite file, rate limits and runtime off): <c>POST /data-tables/{id}/import</c>, then the same file again
/// with <c>?replace=true</c>. Prints rows/s and MB/s, and the API's peak resident memory (<c>VmHWM</c>) before the
/// import (after sign-up and a 1,000-row warm-up import) and after each import.
/// </summary>
internal static class CsvImportLoad
{
    private static readonly string[] Header = ["id", "first_name", "last_name", "email", "phone", "city", "score", "note"];

    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = IngestLoad.Option(args, "--mb", 100);
        var parsePasses = IngestLoad.Option(args, "--parse-passes", 3);
        var root = Path.Combine(Path.GetTempPath(), "cxgear-csv-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var csv = Path.Combine(root, "contacts.csv");
            var rows = WriteCsv(csv, megabytes * 1_000_000L, rowLimit: long.MaxValue);
            var warmUp = Path.Combine(root, "warm-up.csv");
            WriteCsv(warmUp, long.MaxValue, rowLimit: 1_000);
            var bytes = new FileInfo(csv).Length;
            Console.WriteLine($"CSV: {bytes:N0} bytes ({bytes / 1e6:N1} MB), {rows:N0} rows + header, {Header.Length} columns");

            for (var pass = 1; pass <= parsePasses; pass++)
            {
                var parse = await CsvParsePass.RunAsync(csv);
                Console.WriteLine($"  reader alone, pass {pass}: {parse.Records:N0} records in {parse.Elapsed.TotalSeconds:N2} s = {parse.Records / parse.Elapsed.TotalSeconds:N0} rows/s, {bytes / 1e6 / parse.Elapsed.TotalSeconds:N0} MB/s, CPU {parse.Cpu.TotalSeconds:N2} s, {parse.AllocatedBytes / 1e6:N0} MB allocated");
            }

            await using var api = await ApiProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "false",
            });
            using var user = CXGearClient.Anonymous(api.BaseAddress);
            var auth = await user.SignUpAsync("Bench", "Bench Admin", $"bench.{Guid.NewGuid():N}@example.com", "correct horse battery staple");
            var project = await user.CreateProjectAsync("Bench");
            var warmTable = await user.CreateDataTableAsync(project.Id, "Warm-up");
            var table = await user.CreateDataTableAsync(project.Id, "Contacts");

            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
            await ImportAsync(http, warmTable.Id, warmUp, replace: false);
            var before = api.PeakMemoryMiB();
            Console.WriteLine($"  API peak RSS before the import (after sign-up and a 1,000-row warm-up import): {before:N0} MiB");

            var ok = true;
            foreach (var replace in new[] { false, true })
            {
                var cpu = api.CpuTime();
                var (elapsed, inserted) = await ImportAsync(http, table.Id, csv, replace);
                cpu = api.CpuTime() - cpu;
                ok &= inserted == rows;
                Console.WriteLine($"  import{(replace ? " ?replace=true" : "")}: {inserted:N0} rows in {elapsed.TotalSeconds:N1} s = {inserted / elapsed.TotalSeconds:N0} rows/s, {bytes / 1e6 / elapsed.TotalSeconds:N1} MB/s; API CPU {cpu.TotalSeconds:N1} s; API peak RSS {api.PeakMemoryMiB():N0} MiB{(inserted == rows ? "" : "  <-- MISMATCH")}");
            }

            return ok ? 0 : 1;
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

    private static async Task<(TimeSpan Elapsed, long Inserted)> ImportAsync(HttpClient http, Guid tableId, string path, bool replace)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentLength = file.Length;
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync(new Uri($"/api/v1/data-tables/{tableId}/import{(replace ? "?replace=true" : "")}", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {body}");
        }

        return (clock.Elapsed, (long)JsonNode.Parse(body)!["inserted"]!);
    }

    /// <summary>
    /// Contact rows of ~124 bytes (the size of the rows the 100 MB figure in docs/decisions/0010-data-tables.md was measured with): every
    /// 4th has a quoted comma, every 3rd a quoted note with escaped quotes, every 50th a line break inside quotes.
    /// </summary>
    private static long WriteCsv(string path, long targetBytes, long rowLimit)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(',', Header) + "\n");
        long rows = 0;
        while (rows < rowLimit && stream.Position < targetBytes)
        {
            var i = rows++;
            var city = i % 4 == 0 ? "\"Paris, 15e\"" : "Lyon";
            var note = (i % 50, i % 3) switch
            {
                (0, _) => "\"first line of the note\nsecond line\"",
                (_, 0) => $"\"She said \"\"hi\"\" to {i % 1000}\"",
                _ => $"a plain note {i % 1000} kept for the record",
            };
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{i},Ada{i % 5000},Lovelace-Byron{i % 977},ada.lovelace.{i}@mail.example.com,+1555{i % 10_000_000:D7},{city},{i % 100},{note}\n"));
            if ((rows & 0x3FF) == 0)
            {
                writer.Flush();
            }
        }

        return rows;
    }
}
