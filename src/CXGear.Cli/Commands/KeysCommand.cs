using System.CommandLine;
using System.Globalization;
using CXGear.Client;
using Spectre.Console;

namespace CXGear.Cli.Commands;

/// <summary>
/// <c>cxgear keys list|create|revoke</c> as a user: signs in with <c>--email</c> and the password from
/// <c>CXGEAR_PASSWORD</c> or a prompt, does the one thing, signs out. No token is written anywhere; the new key's
/// secret is printed once, as the API returns it once.
/// </summary>
internal static class KeysCommand
{
    private const string DeviceLabel = "cxgear CLI";

    public static Command Create(Option<string?> api)
    {
        var email = new Option<string>("--email") { Description = $"Your sign-in email (password from {CliSettings.PasswordVariable}, else asked).", Required = true, Recursive = true };
        var takeover = new Option<bool>("--takeover") { Description = "End your session on another device if one is open (else the sign-in is refused).", Recursive = true };
        var keys = new Command("keys", "List, create and revoke organization API keys (needs the api_keys.manage permission).") { email, takeover };

        var list = new Command("list", "List the organization's keys (never their secrets).");
        list.SetAction((parse, ct) => AsUserAsync(parse, api, email, takeover, ct, async client =>
        {
            var page = await client.ListApiKeysAsync(pageSize: 200, cancellationToken: ct);
            var rows = page.Items.Select(k => new[]
            {
                k.Id.ToString(), k.Prefix, k.Name, string.Join(",", k.Scopes), k.Status, Date(k.CreatedAt), Date(k.ExpiresAt),
            }).ToList();
            Print(["id", "prefix", "name", "scopes", "status", "created", "expires"], rows);
            return ExitCodes.Ok;
        }));

        var name = new Option<string>("--name") { Description = "What the key is for, e.g. the CRM's name.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "ingest and/or trigger; repeat for both.", Required = true, AllowMultipleArgumentsPerToken = true };
        scopes.AcceptOnlyFromAmong("ingest", "trigger");
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601); default: never." };
        var create = new Command("create", "Create a key and print its secret, once.") { name, scopes, expires };
        create.SetAction((parse, ct) => AsUserAsync(parse, api, email, takeover, ct, async client =>
        {
            var created = await client.CreateApiKeyAsync(parse.GetRequiredValue(name), parse.GetRequiredValue(scopes), parse.GetValue(expires), ct);
            await Console.Error.WriteLineAsync($"Created key '{created.Key.Name}' ({created.Key.Prefix}…, scopes {string.Join(", ", created.Key.Scopes)}). Its secret follows; it is shown this once:");
            await Console.Out.WriteLineAsync(created.Secret);
            return ExitCodes.Ok;
        }));

        var id = new Argument<Guid>("id") { Description = "The key's id (from keys list)." };
        var revoke = new Command("revoke", "Revoke a key; it stops working within a second.") { id };
        revoke.SetAction((parse, ct) => AsUserAsync(parse, api, email, takeover, ct, async client =>
        {
            await client.RevokeApiKeyAsync(parse.GetValue(id), ct);
            await Console.Out.WriteLineAsync($"Revoked key {parse.GetValue(id)}.");
            return ExitCodes.Ok;
        }));

        keys.Subcommands.Add(list);
        keys.Subcommands.Add(create);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    private static Task<int> AsUserAsync(ParseResult parse, Option<string?> api, Option<string> email, Option<bool> takeover, CancellationToken cancellationToken, Func<CXGearClient, Task<int>> action) =>
        CommandGuard.RunAsync(
            async () =>
            {
                using var client = CliSettings.AnonymousClient(CliSettings.ApiUrl(parse.GetValue(api)));
                try
                {
                    await client.SignInAsync(parse.GetRequiredValue(email), Password(), DeviceLabel, parse.GetValue(takeover), cancellationToken);
                }
                catch (CXGearApiException error) when (error.ErrorCode == "SESSION_CONFLICT")
                {
                    // The API's message speaks of "takeover" in general; say how to do it here.
                    throw new CliException($"{error.Problem?.Detail} (cxgear: run again with --takeover.)");
                }

                try
                {
                    return await action(client);
                }
                finally
                {
                    // The session would otherwise stay open for hours and block a sign-in from another device.
                    await client.SignOutAsync(CancellationToken.None);
                }
            },
            cancellationToken);

    private static string Password()
    {
        if (Environment.GetEnvironmentVariable(CliSettings.PasswordVariable) is { Length: > 0 } password)
        {
            return password;
        }

        if (Console.IsInputRedirected)
        {
            throw new CliException($"Set {CliSettings.PasswordVariable}: there is no terminal to ask for the password.");
        }

        return AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
    }

    /// <summary>A table on a terminal; tab-separated lines (with the header) when redirected, for scripts.</summary>
    private static void Print(string[] headers, List<string[]> rows)
    {
        if (Console.IsOutputRedirected)
        {
            Console.Out.WriteLine(string.Join('\t', headers));
            rows.ForEach(row => Console.Out.WriteLine(string.Join('\t', row)));
            return;
        }

        var table = new Table().AddColumns(headers);
        rows.ForEach(row => table.AddRow(row.Select(Markup.Escape).ToArray()));
        AnsiConsole.Write(table);
    }

    private static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
