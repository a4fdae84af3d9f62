using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CXGear.Bench.Ingest;

/// <summary>
/// The API as its own process (Kestrel on loopback, Release build, SQLite file), so the load test measures the
/// real server and its peak memory (<c>VmHWM</c> from /proc) apart from the load generator's.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiProcess(Process process, Uri baseAddress, string databasePath)
    {
        _process = process;
        BaseAddress = baseAddress;
        DatabasePath = databasePath;
    }

    public Uri BaseAddress { get; }

    public string DatabasePath { get; }

    public int Id => _process.Id;

    public static async Task<ApiProcess> StartAsync(string root, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var databasePath = Path.Combine(root, "cxgear.db");
        var apiDll = Path.Combine(AppContext.BaseDirectory, "CXGear.Api.dll");
        var start = new ProcessStartInfo("dotnet", [apiDll, "--contentRoot", Path.Combine(BenchPaths.RepositoryRoot(), "src", "CXGear.Api")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // appsettings.json sets Urls; an environment variable of the same name overrides it (ASPNETCORE_URLS would not).
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__CXGear"] = $"Data Source={databasePath}",
            ["Database__MigrateOnStartup"] = "true",
            ["Jwt__SigningKey"] = "bench-signing-key-that-is-long-enough-for-hs256-0123456789",
            ["Email__PickupDirectory"] = Path.Combine(root, "mail"),
            // Production refuses to start without its public URL (webhook URLs are never built from the Host header).
            ["PUBLIC_API_URL"] = $"http://127.0.0.1:{port}",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // CXGEAR_BENCH_TRACE=<file>: the API writes a CPU-sampling EventPipe trace of the whole run there
        // (read it with `dotnet-trace report <file> topN`), which is how "where the time goes" is answered.
        if (Environment.GetEnvironmentVariable("CXGEAR_BENCH_TRACE") is { Length: > 0 } trace)
        {
            environment["DOTNET_EnableEventPipe"] = "1";
            environment["DOTNET_EventPipeOutputPath"] = trace;
            environment["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5";
        }

        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The API did not start.");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"), databasePath);
        try
        {
            await api.WaitUntilReadyAsync();
        }
        catch
        {
            // Never leave a server behind on a port when the run fails before it starts.
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    /// <summary>CPU time (user + system) the API has used so far: less moved than wall time by other work on the cores.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The system (kernel) part of <see cref="CpuTime"/>: sockets, file writes and fsyncs, page faults.</summary>
    public TimeSpan SystemCpuTime()
    {
        _process.Refresh();
        return _process.PrivilegedProcessorTime;
    }

    /// <summary>Peak resident set size so far, in MiB (Linux /proc; null elsewhere).</summary>
    public double? PeakMemoryMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? null : double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM first, so the host shuts down cleanly (and a trace file is finished); kill if it hangs.
        if (!_process.HasExited && OperatingSystem.IsLinux())
        {
            using var term = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Fall through to kill.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The API was not ready after 30 s.");
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"  [api] {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
