using System.CommandLine;
using CXGear.Cli.Commands;

namespace CXGear.Cli;

internal static class CliApp
{
    public static RootCommand Build()
    {
        var api = new Option<string?>("--api")
        {
            Description = $"The API's base URL (else {CliSettings.ApiUrlVariable}, else {CliSettings.DefaultApiUrl}).",
            Recursive = true,
        };
        var root = new RootCommand(
            "cxgear: push CSV files into CXGear data tables, trigger spinners, manage API keys. "
            + $"Exit codes: {ExitCodes.Ok} done, {ExitCodes.Failed} failed, {ExitCodes.DataRejected} data refused (lines named), {ExitCodes.Interrupted} interrupted.")
        {
            api,
        };
        root.Subcommands.Add(IngestCommand.Create(api));
        root.Subcommands.Add(TriggerCommand.Create(api));
        root.Subcommands.Add(KeysCommand.Create(api));
        return root;
    }
}
