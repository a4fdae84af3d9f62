using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CXGear.Application;
using CXGear.Application.Spinners.Runtime;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Bench.Ingest;

/// <summary>
/// <c>bench function [--records 2000]</c>: records/s through the step engine with a <c>function</c> step (Jint, a new
/// sandbox per record) against the same engine running a tag step alone, in this process and the same run, so the
/// ratio is what the sandbox costs. No database: the runtime's own per-record cost is measured by <c>bench runtime</c>.
/// </summary>
internal static class FunctionLoad
{
    private const string Baseline = """{"steps":[{"id":"t1","type":"tag","disposition":"Done"}]}""";

    private const string WithFunction =
        """{"steps":[{"id":"f1","type":"function","code":"function main(p, c) { const words = (p.first_name + ' ' + p.city).split(' '); let score = 0; for (const w of words) { score += w.length; } return { greeting: 'Hi ' + p.first_name.toUpperCase(), score: score }; }","next":"t1"},{"id":"t1","type":"tag","disposition":"Done"}]}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var records = IngestLoad.Option(args, "--records", 2000);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:Enabled"] = "false" }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddApplication()
            .AddSpinnerRuntime(configuration)
            .BuildServiceProvider();
        var engine = services.GetRequiredService<SpinnerEngine>();
        var payloads = IngestLoad.Records(0, records)
            .Select(r => r.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)))
            .ToList();

        var baseline = await RecordsPerSecondAsync(engine, Baseline, payloads);
        var function = await RecordsPerSecondAsync(engine, WithFunction, payloads);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"function: {records} records; engine alone {baseline:0} records/s; with a function step {function:0} records/s; ratio {function / baseline:0.000}"));
        return 0;
    }

    private static async Task<double> RecordsPerSecondAsync(SpinnerEngine engine, string json, List<Dictionary<string, JsonElement>> payloads)
    {
        var definition = SpinnerDefinition.Parse(json).Definition!;
        var context = new RunContext(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        for (var i = 0; i < Math.Min(50, payloads.Count); i++)
        {
            await engine.RunAsync(definition, payloads[i], context, CancellationToken.None);
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var payload in payloads)
        {
            var result = await engine.RunAsync(definition, payload, context, CancellationToken.None);
            if (result.Status != RecordStatus.Completed)
            {
                throw new InvalidOperationException($"A record failed: {result.Error}");
            }
        }

        return payloads.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
