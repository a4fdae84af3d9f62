using System.Text.Json;

namespace CXGear.Cli.Tests;

/// <summary><c>cxgear trigger --wait</c> against the running job runtime, and <c>cxgear keys</c> with a user's password.</summary>
public sealed class TriggerAndKeysTests : CliTestBase
{
    [Test]
    public async Task Trigger_with_wait_follows_the_job_to_completed_and_exits_zero()
    {
        var org = await ArrangeAsync();
        var csv = WriteCsv(org.Folder, 5);
        Assert.That((await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "ingest", "--table", org.TableId.ToString(), "--file", csv)).ExitCode, Is.Zero);
        var definition = JsonDocument.Parse("""{"steps":[{"id":"s1","type":"log","message":"Hi {{name}}","next":"s2"},{"id":"s2","type":"tag","disposition":"Contacted"}]}""").RootElement;
        var spinner = await org.User.CreateSpinnerAsync(org.ProjectId, "Greeter", org.TableId, definition);
        await org.User.PublishSpinnerAsync(spinner.Id);

        var (code, output, errors) = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "trigger", spinner.Id.ToString(), "--wait", "--interval", "0.1");

        Assert.That(code, Is.Zero, output + errors);
        Assert.That(output, Does.Match(@"Job [0-9a-f-]{36} queued\.").And.Match(@"Job [0-9a-f-]{36} completed: 5 succeeded, 0 failed of 5"));
    }

    [Test]
    public async Task Trigger_of_a_draft_spinner_fails_with_the_api_error_code()
    {
        var org = await ArrangeAsync();
        var definition = JsonDocument.Parse("""{"steps":[{"id":"s1","type":"log","message":"Hi"}]}""").RootElement;
        var spinner = await org.User.CreateSpinnerAsync(org.ProjectId, "Draft", org.TableId, definition);

        var (code, _, errors) = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "trigger", spinner.Id.ToString(), "--wait");

        Assert.That(code, Is.EqualTo(1), errors);
        Assert.That(errors, Does.StartWith("error: SPINNER_NOT_PUBLISHED (409)"));
    }

    [Test]
    public async Task Keys_are_created_listed_and_revoked_with_a_password_from_the_environment_and_no_session_is_left()
    {
        var org = await ArrangeAsync();
        await org.User.SignOutAsync();
        var environment = new Dictionary<string, string> { ["CXGEAR_API_URL"] = Api.BaseAddress.ToString(), ["CXGEAR_PASSWORD"] = Password };

        var created = await CliProcess.RunAsync(org.Folder, environment, "keys", "create", "--email", org.Email, "--name", "Zapier", "--scope", "ingest");
        var secret = created.Output.Trim();
        var listed = await CliProcess.RunAsync(org.Folder, environment, "keys", "list", "--email", org.Email);
        var zapier = listed.Output.Split('\n').Single(l => l.Contains("\tZapier\t", StringComparison.Ordinal)).Split('\t');
        var revoked = await CliProcess.RunAsync(org.Folder, environment, "keys", "revoke", zapier[0], "--email", org.Email);
        var afterRevoke = await CliProcess.RunAsync(org.Folder, new Dictionary<string, string> { ["CXGEAR_API_URL"] = Api.BaseAddress.ToString(), ["CXGEAR_API_KEY"] = secret },
            "ingest", "--table", org.TableId.ToString(), "--file", WriteCsv(org.Folder, 1));

        Assert.That(created.ExitCode, Is.Zero, created.Errors);
        Assert.That(secret, Does.StartWith("cxg_").And.Length.EqualTo(40), "stdout holds the secret alone, for scripts");
        Assert.That(created.Errors, Does.Contain("shown this once"));
        Assert.That((listed.ExitCode, zapier[3], zapier[4]), Is.EqualTo((0, "ingest", "active")));
        Assert.That(listed.Output, Does.Not.Contain(secret), "a listing never shows a secret");
        Assert.That(revoked.ExitCode, Is.Zero, revoked.Errors);
        Assert.That(afterRevoke.ExitCode, Is.EqualTo(1), afterRevoke.Errors);
        Assert.That(afterRevoke.Errors, Does.Contain("INVALID_API_KEY"));
    }
}
