using BenchmarkDotNet.Running;

namespace CXGear.Bench;

/// <summary>dotnet run -c Release --project bench/CXGear.Bench -- --filter '*'  |  -- ingest [--requests 400] [--clients 8] [--batch 500]  |  -- runtime [--call-latency-ms 100]  |  -- cli [--rows 1000000]  |  -- csv [--mb 100]  |  -- function [--records 2000]  |  -- trickle [--seconds 20] [--rate 300]  |  -- webhook  |  -- webhooks [--rows 2000]</summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // The ingest load test is a throughput run against a separate API process, not a BenchmarkDotNet micro-benchmark.
        if (args is ["runtime", .. var latencyOptions] && latencyOptions.Contains("--call-latency-ms"))
        {
            return await Ingest.RuntimeLatencyLoad.RunAsync(latencyOptions);
        }

        if (args is ["runtime", .. var runtimeOptions])
        {
            return await Ingest.RuntimeLoad.RunAsync(runtimeOptions);
        }

        if (args is ["function", .. var functionOptions])
        {
            return await Ingest.FunctionLoad.RunAsync(functionOptions);
        }

        if (args is ["webhooks", .. var outboundOptions])
        {
            return await Ingest.OutboundWebhookLoad.RunAsync(outboundOptions);
        }

        if (args is ["webhook", .. var webhookOptions])
        {
            return await Ingest.WebhookLoad.RunAsync(webhookOptions);
        }

        if (args is ["csv", .. var csvOptions])
        {
            return await Ingest.CsvImportLoad.RunAsync(csvOptions);
        }

        if (args is ["trickle", .. var trickleOptions])
        {
            return await Ingest.UploadTrickleLoad.RunAsync(trickleOptions);
        }

        if (args is ["cli", .. var cliOptions])
        {
            return await Ingest.CliLoad.RunAsync(cliOptions);
        }

        if (args is ["ingest", .. var options])
        {
            return await Ingest.IngestLoad.RunAsync(options);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
        return 0;
    }
}
