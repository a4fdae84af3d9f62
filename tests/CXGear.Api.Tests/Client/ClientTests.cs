using System.Text.Json;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Client;
using CXGear.Client.Http;

namespace CXGear.Api.Tests.Client;

/// <summary>The generated client and its hand-written layer against the real API (in process): what an integrator does.</summary>
public sealed class ClientTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["RateLimits:ApiKeyPerMinute"] = "3";
        factory.Settings["Plans:Trial:ApiKeys"] = "unlimited";
    }

    private CXGearClient NewClient(string? apiKey = null, string? accessToken = null, int maxAttempts = 5) => new(new CXGearClientOptions
    {
        BaseAddress = Factory.Server.BaseAddress,
        ApiKey = apiKey,
        AccessToken = accessToken,
        InnerHandler = Factory.Server.CreateHandler(),
        Retry = new RetryOptions
        {
            MaxAttempts = maxAttempts,
            // The rate limiter runs on the host's clock: waiting out Retry-After is moving that clock.
            Delay = (wait, _) =>
            {
                Factory.Clock.Advance(wait);
                return Task.CompletedTask;
            },
        },
    });

    private sealed record Org(CXGearClient User, Guid ProjectId, Guid TableId, string IngestKey, string TriggerKey);

    private async Task<Org> ArrangeAsync()
    {
        var user = NewClient();
        var signedUp = await user.SignUpAsync("Acme " + Guid.NewGuid().ToString("N")[..6], "Ada Admin", UniqueEmail("ada"), Password);
        Assert.That(signedUp.AccessToken, Is.Not.Empty);
        var project = await user.CreateProjectAsync("Leads");
        var table = await user.CreateDataTableAsync(project.Id, "Contacts", ["name", "phone"]);
        var ingest = await user.CreateApiKeyAsync("CRM", ["ingest"]);
        var trigger = await user.CreateApiKeyAsync("Scheduler", ["trigger"]);
        Assert.That(ingest.Secret, Does.StartWith("cxg_"));
        return new Org(user, project.Id, table.Id, ingest.Secret, trigger.Secret);
    }

    private static object[] Rows(int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => (object)new Dictionary<string, string> { ["name"] = $"Ada {i}", ["phone"] = $"+1555{i:D4}" }).ToArray();

    [Test]
    public async Task Sign_up_keys_schema_and_ingest_through_the_client_and_a_resent_batch_is_replayed()
    {
        var org = await ArrangeAsync();
        using var crm = NewClient(apiKey: org.IngestKey);

        var schema = await crm.GetTableSchemaAsync(org.TableId);
        var first = await crm.IngestAsync(org.TableId, Rows(3), "batch-1");
        var again = await crm.IngestAsync(org.TableId, Rows(3), "batch-1");

        Assert.That((schema.Name, schema.Columns, schema.RowCount), Is.EqualTo(("Contacts", new List<string> { "name", "phone" }, 0L)));
        Assert.That(first, Is.EqualTo(new IngestOutcome(3, Replayed: false, Attempts: 1)));
        Assert.That(again, Is.EqualTo(new IngestOutcome(3, Replayed: true, Attempts: 1)));
        Assert.That((await org.User.GetDataTableAsync(org.TableId)).RowCount, Is.EqualTo(3));
        var keys = await org.User.ListApiKeysAsync();
        Assert.That(keys.Items.Select(k => k.Name), Is.EquivalentTo(new[] { "CRM", "Scheduler" }));
    }

    [Test]
    public async Task A_rate_limited_ingest_waits_out_retry_after_and_inserts_once()
    {
        var org = await ArrangeAsync();
        using var crm = NewClient(apiKey: org.IngestKey);

        // 3 a minute: the schema read and two batches use the window, the third batch gets 429 then goes through.
        await crm.GetTableSchemaAsync(org.TableId);
        await crm.IngestAsync(org.TableId, Rows(1, 0));
        await crm.IngestAsync(org.TableId, Rows(1, 1));
        var limited = await crm.IngestAsync(org.TableId, Rows(1, 2));

        Assert.That((limited.Inserted, limited.Attempts), Is.EqualTo((1L, 2)));
        Assert.That((await org.User.GetDataTableAsync(org.TableId)).RowCount, Is.EqualTo(3));
    }

    [Test]
    public async Task Api_errors_arrive_as_one_exception_type_with_the_error_code_and_problem()
    {
        var org = await ArrangeAsync();
        using var wrongScope = NewClient(apiKey: org.TriggerKey);
        using var crm = NewClient(apiKey: org.IngestKey, maxAttempts: 1);
        var tooLong = new string('x', 10_001);

        var scope = (await Assert.ThrowsAsync<CXGearApiException>(() => wrongScope.IngestAsync(org.TableId, Rows(1))))!;
        var invalid = (await Assert.ThrowsAsync<CXGearApiException>(() => crm.IngestAsync(org.TableId, new object[] { new { name = "ok" }, new { phone = tooLong } })))!;
        var unknown = (await Assert.ThrowsAsync<CXGearApiException>(() => crm.IngestAsync(org.TableId, new object[] { new { email = "a@b" } })))!;
        var jwtOnPublic = (await Assert.ThrowsAsync<CXGearApiException>(() => org.User.GetTableSchemaAsync(org.TableId)))!;

        Assert.Multiple(() =>
        {
            Assert.That((scope.StatusCode, scope.ErrorCode, scope.Problem!.Member("scope")), Is.EqualTo((403, "KEY_MISSING_SCOPE", "ingest")));
            Assert.That((invalid.StatusCode, invalid.ErrorCode), Is.EqualTo((400, "VALIDATION_ERROR")));
            Assert.That(invalid.Errors.Keys, Is.EqualTo(new[] { "records[1].phone" }));
            Assert.That((unknown.ErrorCode, unknown.Problem!.Body.GetProperty("unknownColumns")[0].GetString()), Is.EqualTo(("SCHEMA_MISMATCH", "email")));
            Assert.That((jwtOnPublic.StatusCode, jwtOnPublic.ErrorCode), Is.EqualTo((401, "INVALID_API_KEY")));
            Assert.That(invalid.Problem!.TraceId, Is.Not.Empty);
        });
    }

    [Test]
    public async Task A_trigger_key_starts_a_published_spinner_and_follows_its_job()
    {
        var org = await ArrangeAsync();
        var definition = JsonDocument.Parse("""{"steps":[{"id":"s1","type":"log","message":"Hi {{name}}"}]}""").RootElement;
        var spinner = await org.User.CreateSpinnerAsync(org.ProjectId, "Greeter", org.TableId, definition);
        await org.User.PublishSpinnerAsync(spinner.Id);
        using var scheduler = NewClient(apiKey: org.TriggerKey);

        var queued = await scheduler.TriggerAsync(spinner.Id, new object[] { new { name = "Ada" }, new { name = "Bob", phone = "+1" } });
        var job = await scheduler.GetTriggeredJobAsync(queued.JobId);

        Assert.That((queued.Status, job.Status, job.TotalRecords, job.Origin), Is.EqualTo(("queued", "queued", 2, "api")));
        Assert.That((await org.User.GetJobAsync(queued.JobId)).Id, Is.EqualTo(job.Id));
    }

    [Test]
    public async Task Signing_out_ends_the_session_the_client_signed_in_with()
    {
        var email = UniqueEmail("bob");
        using (var signup = NewClient())
        {
            await signup.SignUpAsync("Bob Co " + Guid.NewGuid().ToString("N")[..6], "Bob", email, Password);
            await signup.SignOutAsync();
        }

        using var cli = NewClient();
        var session = await cli.SignInAsync(email, Password, deviceLabel: "cxgear CLI");
        await cli.CreateApiKeyAsync("from the client", ["ingest"]);
        var token = session.AccessToken;
        await cli.SignOutAsync();

        using var stale = NewClient(accessToken: token);
        var ended = (await Assert.ThrowsAsync<CXGearApiException>(() => stale.ListApiKeysAsync()))!;
        Assert.That(ended.ErrorCode, Does.StartWith("SESSION_"));
    }
}
