using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CXGear.Client;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench cli</c>: the <c>cxgear</c> tool loading a generated CSV (default 1,000,000 contact rows) into a fresh table
/// of the API running as its own Release process on a new SQLite file, with rate limits off (the per-key limit would
/// otherwise cap any client at 600 requests a minute). Measures the tool end to end as a user runs it (process start,
/// the checking pass, the sending pass) and its peak resident memory, read by GNU time (<c>/usr/bin/time -v</c>, from
/// Debian's <c>time</c> package) when present, else from the last VmHWM sampled in /proc.
/// </summary>
internal static partial class CliLoad
{
    private static readonly string CliAssembly = typeof(CliLoad).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliAssembly").Value!;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = IngestLoad.Option(args, "--rows", 1_000_000);
        var batch = IngestLoad.Option(args, "--batch", 500);
        var concurrency = IngestLoad.Option(args, "--concurrency", 4);
        var root = Path.Combine(Path.GetTempPath(), "cxgear-cli-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var csv = WriteCsv(root, rows);
            await using var api = await ApiProcess.StartAsync(root, new Dictionary<string, string>
            {
                ["RateLimits:ApiKeyPerMinute"] = "0",
                ["RateLimits:UserPerMinute"] = "0",
                ["RateLimits:AuthPerIpPerMinute"] = "0",
                ["Runtime:Enabled"] = "false",
            });
            using var user = CXGearClient.Anonymous(api.BaseAddress);
            await user.SignUpAsync("Bench", "Bench Admin", $"bench.{Guid.NewGuid():N}@example.com", "correct horse battery staple");
            var project = await user.CreateProjectAsync("Bench");
            var table = await user.CreateDataTableAsync(project.Id, "Contacts", IngestLoad.Columns);
            var key = await user.CreateApiKeyAsync("bench", ["ingest"]);

            var run = await RunCliAsync(root, api.BaseAddress, key.Secret, ["ingest", "--table", table.Id.ToString(), "--file", csv, "--batch", batch.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture)]);
            var stored = (await user.GetDataTableAsync(table.Id)).RowCount;
            Report(rows, new FileInfo(csv).Length, batch, concurrency, run, stored, api.PeakMemoryMiB());
            return run.ExitCode == 0 && stored == rows ? 0 : 1;
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

    private sealed record CliRun(int ExitCode, TimeSpan Wall, double? PeakMiB, string PeakSource, string Output, string Errors);

    private static async Task<CliRun> RunCliAsync(string root, Uri api, string key, string[] arguments)
    {
        var gnuTime = File.Exists("/usr/bin/time");
        var start = new ProcessStartInfo(gnuTime ? "/usr/bin/time" : "dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (gnuTime)
        {
            start.ArgumentList.Add("-v");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.GetFullPath(CliAssembly));
        arguments.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["CXGEAR_API_URL"] = api.ToString();
        start.Environment["CXGEAR_API_KEY"] = key;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The tool did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        double? sampled = null;
        while (!process.HasExited)
        {
            // GNU time's figure is exact; this sample of the child's high-water mark is the fallback without it.
            sampled = Math.Max(sampled ?? 0, HighWaterMiB(gnuTime ? ChildOf(process.Id) : process.Id) ?? 0);
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(200));
        }

        clock.Stop();
        var stderr = await errors;
        var timed = MaxRss().Match(stderr);
        return timed.Success
            ? new CliRun(process.ExitCode, clock.Elapsed, double.Parse(timed.Groups[1].Value, CultureInfo.InvariantCulture) / 1024, "GNU time", await output, stderr)
            : new CliRun(process.ExitCode, clock.Elapsed, sampled, "VmHWM sampled every 200 ms", await output, stderr);
    }

    private static void Report(int rows, long bytes, int batch, int concurrency, CliRun run, long stored, double? apiPeak)
    {
        var rate = rows / run.Wall.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"cxgear ingest: {rows:N0} rows, {bytes / 1024.0 / 1024:N1} MiB CSV, --batch {batch} --concurrency {concurrency}; exit code {run.ExitCode}");
        Console.WriteLine($"  end to end (process start to exit): {run.Wall.TotalSeconds:N1} s = {rate:N0} rows/s");
        Console.WriteLine($"  tool's own summary: {run.Output.Split('\n').LastOrDefault(l => l.StartsWith("Ingested", StringComparison.Ordinal))?.Trim()}");
        Console.WriteLine($"  cxgear peak RSS: {run.PeakMiB:N0} MiB ({run.PeakSource}); API peak RSS: {apiPeak:N0} MiB");
        Console.WriteLine($"  rows in the table afterwards: {stored:N0}{(stored == rows ? "" : "  <-- MISMATCH")}");
        if (run.ExitCode != 0)
        {
            Console.WriteLine(run.Errors);
        }
    }

    /// <summary>Contact-like rows in the columns of the ingest bench, with quoting where real exports have it.</summary>
    private static string WriteCsv(string root, int rows)
    {
        var path = Path.Combine(root, "contacts.csv");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(',', IngestLoad.Columns) + "\n");
        for (var i = 0; i < rows; i++)
        {
            var city = i % 10 == 0 ? "\"Paris, 15e\"" : "Lyon";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"Ada{i},Lovelace{i % 977},ada.{i}@example.com,+1555{i % 10_000_000:D7},{city},{i % 100},{(i % 2 == 0 ? "true" : "false")}\n"));
        }

        return path;
    }

    private static int ChildOf(int parent) =>
        File.Exists($"/proc/{parent}/task/{parent}/children")
        && File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } child
            ? int.Parse(child, CultureInfo.InvariantCulture)
            : parent;

    private static double? HighWaterMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}
