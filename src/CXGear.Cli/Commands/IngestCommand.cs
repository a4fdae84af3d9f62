using System.CommandLine;
using CXGear.Cli.Ingest;

namespace CXGear.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create(Option<string?> api)
    {
        var table = new Option<Guid>("--table") { Description = "The data table's id.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The CSV file; its header must name the table's columns (any order).", Required = true };
        var batch = new Option<int?>("--batch") { Description = "Records per request, 1–500 (default 500; with --resume, the checkpoint's)." };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > IngestOptions.MaxBatchSize)
            {
                result.AddError($"--batch must be between 1 and {IngestOptions.MaxBatchSize}.");
            }
        });
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once, 1–32.", DefaultValueFactory = _ => 4 };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 32)
            {
                result.AddError("--concurrency must be between 1 and 32.");
            }
        });
        var resume = new Option<bool>("--resume") { Description = "Continue after the checkpoint of an interrupted run (batches in flight then are resent and replayed, not duplicated)." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Where the checkpoint lives (default: <file>.cxgear-checkpoint.json)." };

        var command = new Command("ingest", $"Stream a CSV file into a data table through POST /public/ingest (API key with scope ingest, from {CliSettings.ApiKeyVariable}).")
        {
            table, file, batch, concurrency, resume, checkpoint,
        };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(
            async () =>
            {
                var path = parse.GetRequiredValue(file).FullName;
                var options = new IngestOptions(
                    parse.GetValue(table),
                    path,
                    parse.GetValue(batch),
                    parse.GetValue(concurrency),
                    parse.GetValue(resume),
                    parse.GetValue(checkpoint)?.FullName ?? Checkpoint.PathFor(path));
                // More attempts than the default: a long load meets the per-key rate limit, and each 429 names its wait.
                using var client = CliSettings.KeyClient(CliSettings.ApiUrl(parse.GetValue(api)), maxAttempts: 10);
                return await new IngestRunner(client, Console.Out, Console.Error).RunAsync(options, cancellationToken);
            },
            cancellationToken));
        return command;
    }
}
