using System.Diagnostics;
using CXGear.Csv;

namespace CXGear.Bench.Ingest;

/// <summary>The shared CSV reader alone over a file: every record read as the import reads it, nothing stored.</summary>
internal static class CsvParsePass
{
    public sealed record Result(long Records, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes);

    public static async Task<Result> RunAsync(string path)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var reader = CsvRecordReader.Open(file, 500);
        long records = 0;
        while (await reader.ReadAsync(CancellationToken.None) is not null)
        {
            records++;
        }

        clock.Stop();
        return new Result(records - 1, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
