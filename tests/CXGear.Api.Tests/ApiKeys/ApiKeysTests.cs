using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Jobs.Runtime;
using CXGear.Domain.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>docs/api.md#api-key-management: create (secret once), list, revoke, the API keys meter on the Trial plan (2 keys).</summary>
public sealed class ApiKeysTests : ApiKeysTestBase
{
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    private async Task<JsonNode> ApiKeysMeterAsync(string token)
    {
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", token));
        return billing["meters"]!.AsArray().Single(m => (string?)m!["meter"] == "api_keys")!;
    }

    [Test]
    public async Task Create_answers_201_with_the_secret_which_no_list_shows_again()
    {
        var admin = await SignUpAsync();
        var expiresAt = Now.AddDays(30);

        var response = await Keys.CreateRawAsync(admin.AccessToken, "  Zapier  ", ["trigger", "ingest"], expiresAt);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await JsonAsync(response);
        var secret = Keys.Remember((string)body["secret"]!);
        var key = body["key"]!;
        var id = (string)key["id"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret, Does.Match("^cxg_[0-9A-Za-z]{36}$"), "cxg_ + 30 random + 6 checksum base62 characters");
            Assert.That(response.Headers.Location!.ToString(), Does.EndWith($"/api/v1/api-keys/{id}"));
            Assert.That(Guid.Parse(id).Version, Is.EqualTo(7));
            Assert.That((string?)key["prefix"], Is.EqualTo(secret[..12]));
            Assert.That((string?)key["name"], Is.EqualTo("Zapier"));
            Assert.That(key["scopes"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "ingest", "trigger" }));
            Assert.That((string?)key["status"], Is.EqualTo("active"));
            Assert.That((string?)key["organizationId"], Is.EqualTo(admin.OrganizationId));
            Assert.That((string?)key["createdByUserId"], Is.EqualTo(admin.UserId));
            Assert.That((DateTime?)key["createdAt"], Is.EqualTo(Now));
            Assert.That((DateTime?)key["expiresAt"], Is.EqualTo(expiresAt));
            Assert.That(key["revokedAt"], Is.Null);
            Assert.That(key["lastUsedAt"], Is.Null);
            Assert.That(key.AsObject().Select(p => p.Key.ToLowerInvariant()), Has.None.Contains("secret").And.None.Contains("hash"));
        }

        var listText = await (await GetAsync("/api/v1/api-keys", admin.AccessToken)).Content.ReadAsStringAsync();
        var list = JsonNode.Parse(listText)!;
        Assert.That((int?)list["total"], Is.EqualTo(1));
        Assert.That((string?)list["items"]![0]!["id"], Is.EqualTo(id));
        Assert.That((string?)list["items"]![0]!["prefix"], Is.EqualTo(secret[..12]));
        Assert.That(listText, Does.Not.Contain(secret));
        Assert.That(listText, Does.Not.Contain(secret[12..]), "only the lookup prefix may be shown");
        Assert.That(listText, Does.Not.Contain("secret").IgnoreCase);
    }

    [Test]
    public async Task The_list_is_newest_first_keeps_revoked_keys_and_holds_only_the_callers_organization()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();
        var first = await Keys.CreateAsync(admin.AccessToken, "First");
        Advance(TimeSpan.FromSeconds(1));
        var second = await Keys.CreateAsync(admin.AccessToken, "Second");
        await Keys.CreateAsync(other.AccessToken, "Other org");
        Assert.That((await Keys.RevokeAsync(admin.AccessToken, first.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var list = await Keys.ListAsync(admin.AccessToken);

        var items = list["items"]!.AsArray();
        Assert.That((int?)list["total"], Is.EqualTo(2));
        Assert.That(items.Select(k => (string?)k!["id"]), Is.EqualTo(new[] { second.Id, first.Id }));
        Assert.That(items.Select(k => (string?)k!["status"]), Is.EqualTo(new[] { "active", "revoked" }));
    }

    [Test]
    public async Task An_unknown_scope_names_itself_in_the_error()
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, scopes: ["delete_everything"]), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["scopes[0]"]![0]!.ToString(), Does.Contain("delete_everything"));
    }

    [Test]
    public async Task A_member_without_api_keys_manage_gets_403_on_every_key_route()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        var agentEmail = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, agentEmail, Password, SystemRoles.AgentId);
        var agent = await LoginAsync(agentEmail);

        var responses = new[]
        {
            await GetAsync("/api/v1/api-keys", agent.AccessToken),
            await Keys.CreateRawAsync(agent.AccessToken),
            await Keys.RevokeAsync(agent.AccessToken, key.Id),
            await Keys.RotateRawAsync(agent.AccessToken, key.Id, 0),
        };

        foreach (var response in responses)
        {
            var body = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.That((string?)body["permission"], Is.EqualTo("api_keys.manage"));
        }

        await Keys.AssertIngestAcceptedAsync(key.Secret, "the agent's attempts changed nothing");
        Assert.That((int?)(await Keys.ListAsync(admin.AccessToken))["total"], Is.EqualTo(1));
    }

    [Test]
    public async Task Another_organizations_key_is_404_on_revoke_and_rotate_and_keeps_working()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        var alicesKey = await Keys.CreateAsync(alice.AccessToken);

        await AssertProblemAsync(await Keys.RevokeAsync(bob.AccessToken, alicesKey.Id), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await Keys.RotateRawAsync(bob.AccessToken, alicesKey.Id, 0), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await Keys.RevokeAsync(alice.AccessToken, Guid.NewGuid().ToString()), HttpStatusCode.NotFound, "NOT_FOUND");

        await Keys.AssertIngestAcceptedAsync(alicesKey.Secret);
        var key = await Keys.KeyAsync(alice.AccessToken, alicesKey.Id);
        Assert.That((string?)key["status"], Is.EqualTo("active"));
        Assert.That(key["replacedByKeyId"], Is.Null);
        Assert.That((int?)(await Keys.ListAsync(bob.AccessToken))["total"], Is.Zero);
    }

    [Test]
    public async Task A_revoked_key_is_refused_on_its_next_request_and_revoking_again_is_a_no_op()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        await Keys.AssertIngestAcceptedAsync(key.Secret);
        Advance(TimeSpan.FromSeconds(3));
        var revokedAt = Now;

        var revoked = await Keys.RevokeAsync(admin.AccessToken, key.Id);

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Keys.AssertRefusedAsync(key.Secret);
        Advance(TimeSpan.FromSeconds(3));
        Assert.That((await Keys.RevokeAsync(admin.AccessToken, key.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var listed = await Keys.KeyAsync(admin.AccessToken, key.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)listed["status"], Is.EqualTo("revoked"));
            Assert.That((DateTime?)listed["revokedAt"], Is.EqualTo(revokedAt), "the second revoke keeps the first time");
            Assert.That((string?)listed["revokedByUserId"], Is.EqualTo(admin.UserId));
            Assert.That((string?)listed["revokedReason"], Is.EqualTo("revoked by the organization"));
        }
    }

    [Test]
    public async Task The_trial_plan_caps_api_keys_at_two_with_plan_limit_and_revoking_frees_a_place()
    {
        var admin = await SignUpAsync();
        var first = await Keys.CreateAsync(admin.AccessToken, "One");
        await Keys.CreateAsync(admin.AccessToken, "Two");

        var body = await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, "Three"), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)body["message"], Is.EqualTo("API key limit reached on the trial plan (2/2). Upgrade to continue."));
            Assert.That((string?)body["meter"], Is.EqualTo("api_keys"));
            Assert.That((int?)body["used"], Is.EqualTo(2));
            Assert.That((int?)body["limit"], Is.EqualTo(2));
            Assert.That(body.ToJsonString(), Does.Not.Contain("cxg_"));
        }

        Assert.That((int?)(await Keys.ListAsync(admin.AccessToken))["total"], Is.EqualTo(2), "the refused key was not created");
        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(2));

        Assert.That((await Keys.RevokeAsync(admin.AccessToken, first.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(1));
        Assert.That((await Keys.RevokeAsync(admin.AccessToken, first.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(1), "revoking twice releases once");

        await Keys.CreateAsync(admin.AccessToken, "Three");
        await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, "Four"), HttpStatusCode.Forbidden, "PLAN_LIMIT");
    }

    [Test]
    public async Task An_expired_key_stops_at_once_and_the_next_create_sweeps_it_off_the_meter()
    {
        var admin = await SignUpAsync();
        var expiring = await Keys.CreateAsync(admin.AccessToken, "Expiring", expiresAt: Now.AddHours(1));
        var lasting = await Keys.CreateAsync(admin.AccessToken, "Lasting");
        await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, "Third"), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        await Keys.AssertIngestAcceptedAsync(expiring.Secret, "not expired yet");

        Advance(TimeSpan.FromHours(1));
        admin = await LoginAsync(admin.Email);

        await Keys.AssertRefusedAsync(expiring.Secret, "expired at expiresAt");
        Assert.That((string?)(await Keys.KeyAsync(admin.AccessToken, expiring.Id))["status"], Is.EqualTo("expired"));
        await Keys.CreateAsync(admin.AccessToken, "Third");
        var swept = await Keys.KeyAsync(admin.AccessToken, expiring.Id);
        Assert.That((string?)swept["status"], Is.EqualTo("expired"), "the sweep does not turn an expired key into a revoked one");
        Assert.That((string?)swept["revokedReason"], Is.EqualTo("expired"));
        await AssertProblemAsync(await Keys.CreateRawAsync(admin.AccessToken, "Fourth"), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        await Keys.AssertIngestAcceptedAsync(lasting.Secret, "the sweep touches only expired keys");
        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(2));
    }

    [Test]
    public async Task An_expired_key_leaves_the_meter_at_the_runtimes_next_poll_not_at_the_next_create()
    {
        var admin = await SignUpAsync();
        var expiring = await Keys.CreateAsync(admin.AccessToken, "Expiring", expiresAt: Now.AddHours(2));
        await Keys.CreateAsync(admin.AccessToken, "Lasting");
        var runner = Factory.Services.GetRequiredService<JobRunner>();
        await runner.RunOnceAsync(CancellationToken.None);
        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(2), "not expired yet: the poll leaves it");

        Advance(TimeSpan.FromHours(2));
        admin = await LoginAsync(admin.Email);
        await runner.RunOnceAsync(CancellationToken.None);

        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(1), "no create happened; the poll gave the place back");
        var swept = await Keys.KeyAsync(admin.AccessToken, expiring.Id);
        Assert.That(((string?)swept["status"], (string?)swept["revokedReason"]), Is.EqualTo(("expired", "expired")));
        await runner.RunOnceAsync(CancellationToken.None);
        Assert.That((int?)(await ApiKeysMeterAsync(admin.AccessToken))["used"], Is.EqualTo(1), "a key is given back once");
    }

    [Test]
    public async Task Use_is_recorded_at_most_once_a_minute_with_the_callers_ip()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        Advance(TimeSpan.FromMinutes(5));
        var firstUse = Now;

        await Keys.AssertIngestAcceptedAsync(key.Secret);
        Advance(TimeSpan.FromSeconds(30));
        await Keys.AssertIngestAcceptedAsync(key.Secret);

        var listed = await Keys.KeyAsync(admin.AccessToken, key.Id);
        Assert.That((DateTime?)listed["lastUsedAt"], Is.EqualTo(firstUse), "a use within the minute writes nothing");
        Assert.That((string?)listed["lastUsedIp"], Is.EqualTo("203.0.113.10"));

        Advance(TimeSpan.FromSeconds(31));
        await Keys.AssertIngestAcceptedAsync(key.Secret);

        Assert.That((DateTime?)(await Keys.KeyAsync(admin.AccessToken, key.Id))["lastUsedAt"], Is.EqualTo(Now));
    }
}
