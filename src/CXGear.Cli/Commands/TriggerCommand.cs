using System.CommandLine;
using CXGear.Cli.Output;
using CXGear.Client;
using CXGear.Client.Generated;

namespace CXGear.Cli.Commands;

internal static class TriggerCommand
{
    private static readonly string[] EndStatuses = ["completed", "failed", "partial", "cancelled"];

    public static Command Create(Option<string?> api)
    {
        var spinner = new Argument<Guid>("spinnerId") { Description = "The published spinner to run over its table." };
        var wait = new Option<bool>("--wait") { Description = "Follow the job until it ends; the exit code is 0 only when it completed without failures." };
        var interval = new Option<double>("--interval") { Description = "Seconds between status reads with --wait.", DefaultValueFactory = _ => 1 };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0.05 or > 3600)
            {
                result.AddError("--interval must be between 0.05 and 3600 seconds.");
            }
        });

        var command = new Command("trigger", $"Start a job of a published spinner through POST /public/trigger (API key with scope trigger, from {CliSettings.ApiKeyVariable}).")
        {
            spinner, wait, interval,
        };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(
            async () =>
            {
                using var client = CliSettings.KeyClient(CliSettings.ApiUrl(parse.GetValue(api)));
                var queued = await client.TriggerAsync(parse.GetValue(spinner), cancellationToken: cancellationToken);
                await Console.Out.WriteLineAsync($"Job {queued.JobId} {queued.Status}.");
                return parse.GetValue(wait)
                    ? await FollowAsync(client, queued.JobId, TimeSpan.FromSeconds(parse.GetValue(interval)), cancellationToken)
                    : ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> FollowAsync(CXGearClient client, Guid jobId, TimeSpan interval, CancellationToken cancellationToken)
    {
        JobDto? latest = null;
        async Task<JobDto> PollAsync()
        {
            while (true)
            {
                latest = await client.GetTriggeredJobAsync(jobId, cancellationToken);
                if (EndStatuses.Contains(latest.Status))
                {
                    return latest;
                }

                await Task.Delay(interval, cancellationToken);
            }
        }

        var view = ProgressView.For($"job {jobId.ToString()[..8]}", "records");
        var job = await view.ShowAsync(PollAsync(), () => latest is null ? (0, 0) : (latest.SucceededRecords + latest.FailedRecords, latest.TotalRecords));
        var duration = job.DurationSeconds is { } seconds ? $" in {seconds:0.0} s" : "";
        var summary = $"Job {job.Id} {job.Status}: {job.SucceededRecords:N0} succeeded, {job.FailedRecords:N0} failed of {job.TotalRecords:N0}{duration}.";
        if (job.Status == "completed")
        {
            await Console.Out.WriteLineAsync(summary);
            return ExitCodes.Ok;
        }

        await Console.Error.WriteLineAsync($"error: {summary}");
        return ExitCodes.Failed;
    }
}
