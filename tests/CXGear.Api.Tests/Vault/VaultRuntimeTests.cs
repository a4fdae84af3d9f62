using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Runtime;
using CXGear.Api.Tests.Spinners;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Jobs.Runtime;
using CXGear.Domain.Jobs;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Vault;

/// <summary>
/// Vault values through the runtime, against a real local HTTP server: the value reaches the receiver and nothing
/// this API keeps or shows (definition, versions, journey, outputs, error, server log).
/// </summary>
public sealed class VaultRuntimeTests : RuntimeTestBase
{
    /// <summary>SQLite only, whatever CXGEAR_TEST_ENGINE says: one test copies the SQLite file.</summary>
    public VaultRuntimeTests() => Engine = TestEngine.Sqlite;

    private const string Secret = "sk_live_VAULT-0123456789-abcdef";

    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
    }

    /// <summary>Answers with the Authorization header it got, echoed in JSON, as some APIs do.</summary>
    private static Func<HttpContext, Task> Echo(ConcurrentQueue<string> seen) => async context =>
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        seen.Enqueue(authorization);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["echo"] = authorization, ["id"] = "crm-1" }.ToJsonString());
    };

    private static string CallLogTag(int port) =>
        "{'steps':[{'id':'a1','type':'api_call','method':'POST','url':'http://127.0.0.1:" + port + "/contacts',"
        + "'body':'{\\'token\\':\\'{{vault.crm_token}}\\',\\'name\\':\\'{{payload.name}}\\'}',"
        + "'headers':{'Authorization':'Bearer {{vault.crm_token}}'},'saveAs':'crm','next':'l1'},"
        + "{'id':'l1','type':'log','message':'CRM said {{output.crm.body.echo}}','next':'t1'},"
        + "{'id':'t1','type':'tag','disposition':'Synced'}]}";

    private async Task PutSecretAsync(string token, string value, string label = "crm_token")
    {
        var put = await SendAsync(HttpMethod.Put, $"/api/v1/vault/{label}", new { value }, token);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_value_reaches_the_receiver_and_no_definition_version_journey_output_or_log_line_shows_it()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await LocalHttpServer.StartAsync(Echo(seen));
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        await PutSecretAsync(token, Secret);
        var jobId = await ArrangeWithDefinitionAsync(a, CallLogTag(server.Port));

        await Runner.RunOnceAsync(CancellationToken.None);

        Assert.That(seen, Is.EqualTo(new[] { "Bearer " + Secret }), "the receiver got the real value");
        Assert.That(JsonNode.Parse(server.Received.Single().Body)!["token"]!.ToString(), Is.EqualTo(Secret));
        var record = (await RecordsAsync(token, jobId)).Single();
        Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
        Assert.That(record["outputs"]!["crm"]!["body"]!["echo"]!.ToString(), Is.EqualTo("Bearer [secret]"));
        var journey = await JourneyAsync(token, (string)record["id"]!);
        Assert.That(journey, Has.Some.EqualTo("l1:logged:CRM said Bearer [secret]"));
        var spinner = await SpinnerAsync(token, a.SpinnerId);
        var versions = await JsonAsync(await GetAsync($"/api/v1/spinners/{a.SpinnerId}/versions", token));
        Assert.That(spinner["definition"]!.ToJsonString(), Does.Contain("{{vault.crm_token}}"));
        var everything = string.Join("\n", record.ToJsonString(), string.Join("\n", journey), spinner.ToJsonString(), versions.ToJsonString(), string.Join("\n", Factory.Logs));
        Assert.That(everything, Does.Not.Contain(Secret).And.Not.Contain("0123456789-abcdef"));
    }

    [Test]
    public async Task Last_used_is_stamped_by_a_run_and_at_most_once_a_minute()
    {
        await using var server = await LocalHttpServer.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        await PutSecretAsync(token, Secret);
        await ArrangeWithDefinitionAsync(a, CallLogTag(server.Port));
        var firstRun = Factory.Clock.GetUtcNow().UtcDateTime;

        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That(await LastUsedAsync(token), Is.EqualTo(firstRun));

        Advance(TimeSpan.FromSeconds(30));
        await RunAsync(token, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That(await LastUsedAsync(token), Is.EqualTo(firstRun), "within the minute: not written again");

        Advance(TimeSpan.FromSeconds(31));
        await RunAsync(token, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That(await LastUsedAsync(token), Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime));
    }

    private async Task<DateTime?> LastUsedAsync(string token)
    {
        var list = await JsonAsync(await GetAsync("/api/v1/vault", token));
        return list["items"]![0]!["lastUsedAt"]?.GetValue<DateTime>();
    }

    [Test]
    public async Task A_rotated_value_is_what_the_next_record_sends()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await LocalHttpServer.StartAsync(Echo(seen), Echo(seen));
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        await PutSecretAsync(token, Secret);
        await ArrangeWithDefinitionAsync(a, CallLogTag(server.Port));
        await Runner.RunOnceAsync(CancellationToken.None);

        await PutSecretAsync(token, "sk_live_ROTATED-000000000000");
        await RunAsync(token, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);

        Assert.That(seen, Is.EqualTo(new[] { "Bearer " + Secret, "Bearer sk_live_ROTATED-000000000000" }));
    }

    [Test]
    public async Task A_label_deleted_after_the_save_fails_the_record_with_VAULT_SECRET_MISSING_and_nothing_is_sent()
    {
        await using var server = await LocalHttpServer.StartAsync();
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        var token = a.Admin.AccessToken;
        await PutSecretAsync(token, Secret);
        var jobId = await ArrangeWithDefinitionAsync(a, CallLogTag(server.Port));
        var deleted = await SendAsync(HttpMethod.Delete, "/api/v1/vault/crm_token", token: token);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Runner.RunOnceAsync(CancellationToken.None);

        var job = await JobAsync(token, jobId);
        Assert.That(((string?)job["status"], (int?)job["failedRecords"]), Is.EqualTo(("failed", (int?)2)));
        var records = await RecordsAsync(token, jobId);
        Assert.That(records.Select(r => (string?)r["error"]), Has.All.StartsWith("VAULT_SECRET_MISSING: ").And.All.Contains("crm_token"));
        Assert.That(server.Hits, Is.Zero);
    }

    [Test]
    public async Task A_definition_saved_with_a_literal_credential_before_the_vault_keeps_running_with_its_value()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await LocalHttpServer.StartAsync(Echo(seen));
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var token = a.Admin.AccessToken;
        var jobId = await ArrangeWithDefinitionAsync(a, CallLogTag(server.Port).Replace("{{vault.crm_token}}", "{{payload.name}}", StringComparison.Ordinal));
        var legacy = SpinnerDefinition.Parse(Def(
            "{'steps':[{'id':'a1','type':'api_call','method':'POST','url':'http://127.0.0.1:" + server.Port + "/contacts',"
            + "'headers':{'Authorization':'Bearer sk_live_legacy_0001'},'saveAs':'crm'}]}").ToJsonString()).Definition!.ToJson();
        var spinnerId = Guid.Parse(a.SpinnerId);
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            await db.SpinnerVersions.IgnoreQueryFilters().Where(v => v.SpinnerId == spinnerId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Definition, legacy));
        }

        await Runner.RunOnceAsync(CancellationToken.None);

        Assert.That(seen, Is.EqualTo(new[] { "Bearer sk_live_legacy_0001" }));
        Assert.That((string?)(await JobAsync(token, jobId))["status"], Is.EqualTo("completed"));
    }

    [Test]
    public async Task A_copy_of_the_database_without_the_key_ring_cannot_decrypt_a_value()
    {
        await using var server = await LocalHttpServer.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        await PutSecretAsync(a.Admin.AccessToken, Secret);
        var jobId = Guid.Parse(await ArrangeWithDefinitionAsync(a, CallLogTag(server.Port)));

        // The copy a thief would take: every table but the key ring.
        var copy = Path.Combine(Path.GetTempPath(), $"cxgear-copy-{Guid.NewGuid():N}.db");
        await using (var connection = new SqliteConnection(Factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM INTO '{copy}'";
            await command.ExecuteNonQueryAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={copy}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM DataProtectionKeys; DELETE FROM DataProtectionKeys;";
            Assert.That((long)(await command.ExecuteScalarAsync())!, Is.GreaterThan(0), "the original holds the key ring");
        }

        try
        {
            using var thief = new CXGearApiFactory(TestEngine.Sqlite) { ConnectionString = $"Data Source={copy}" };
            thief.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
            thief.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
            _ = thief.CreateClient();

            await thief.Services.GetRequiredService<JobRunner>().RunOnceAsync(CancellationToken.None);

            using var scope = thief.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var record = await db.JobRecords.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.JobId == jobId);
            Assert.That(record.Status, Is.EqualTo(JobRecordStatus.Failed));
            Assert.That(record.Error, Does.StartWith("VAULT_SECRET_MISSING: "));
            Assert.That(server.Hits, Is.Zero, "nothing was sent with a value it could not read");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
        }
    }
}
