using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Admin;
using CXGear.Application.Common.Security;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>docs/api.md#operator-console: operators find keys across organizations, look up a leaked secret and kill a key.</summary>
public sealed class AdminApiKeysTests : AdminTestBase
{
    private ApiKeyClient? _keys;

    private ApiKeyClient Keys => _keys ??= new ApiKeyClient((method, url, body, token) => SendAsync(method, url, body, token), Factory);

    [TearDown]
    public void NoSecretReachedTheLogs() => Keys.AssertNoSecretLogged();

    private Task<HttpResponseMessage> LookupAsync(string token, object body) => PostAsync("/api/v1/admin/api-keys/lookup", body, token);

    private Task<HttpResponseMessage> OperatorRevokeAsync(string token, string id, object? body) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/admin/api-keys/{id}", body, token);

    private static string WithoutTraceId(JsonNode body)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove("traceId");
        return copy.ToJsonString();
    }

    [Test]
    public async Task An_operator_lists_keys_across_organizations_by_organization_and_by_prefix_without_secrets()
    {
        var alpha = await SignUpOrganizationAsync("Alpha Widgets");
        var beta = await SignUpOrganizationAsync("Beta Gadgets");
        var alphaOne = await Keys.CreateAsync(alpha.AccessToken, "Alpha one");
        Advance(TimeSpan.FromSeconds(1));
        var alphaTwo = await Keys.CreateAsync(alpha.AccessToken, "Alpha two", ["trigger"]);
        var betaKey = await Keys.CreateAsync(beta.AccessToken, "Beta");
        var signed = await OperatorAsync();

        var byOrganization = await GetOkAsync($"/api/v1/admin/api-keys?organizationId={alpha.OrganizationId}", signed.AccessToken);
        var byPrefix = await GetOkAsync($"/api/v1/admin/api-keys?prefix={betaKey.Prefix}", signed.AccessToken);
        var both = await GetOkAsync($"/api/v1/admin/api-keys?organizationId={alpha.OrganizationId}&prefix={betaKey.Prefix}", signed.AccessToken);
        var everything = await GetOkAsync("/api/v1/admin/api-keys?pageSize=200", signed.AccessToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Strings(byOrganization, "id"), Is.EqualTo(new[] { alphaTwo.Id, alphaOne.Id }), "newest first");
            Assert.That((int?)byOrganization["total"], Is.EqualTo(2));
            Assert.That(Strings(byOrganization, "organizationId"), Is.All.EqualTo(alpha.OrganizationId));
            Assert.That(Strings(byPrefix, "id"), Is.EqualTo(new[] { betaKey.Id }));
            Assert.That(Strings(byPrefix, "organizationId"), Is.EqualTo(new[] { beta.OrganizationId }));
            Assert.That(Strings(byPrefix, "name"), Is.EqualTo(new[] { "Beta" }));
            Assert.That((int?)both["total"], Is.Zero);
            Assert.That(Strings(everything, "id"), Is.SupersetOf(new[] { alphaOne.Id, alphaTwo.Id, betaKey.Id }));
        }

        var text = everything.ToJsonString() + byOrganization.ToJsonString() + byPrefix.ToJsonString();
        foreach (var secret in new[] { alphaOne.Secret, alphaTwo.Secret, betaKey.Secret })
        {
            Assert.That(text, Does.Not.Contain(secret[12..]));
        }
    }

    [Test]
    public async Task Lookup_of_a_real_secret_names_the_owning_organization_and_key()
    {
        var owner = await SignUpOrganizationAsync("Leaky Corp");
        var key = await Keys.CreateAsync(owner.AccessToken, "Leaked");
        var signed = await OperatorAsync();

        var response = await LookupAsync(signed.AccessToken, new { secret = key.Secret });

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var body = JsonNode.Parse(text)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)body["organization"]!["id"], Is.EqualTo(owner.OrganizationId));
            Assert.That((string?)body["organization"]!["name"], Is.EqualTo("Leaky Corp"));
            Assert.That((string?)body["organization"]!["plan"], Is.EqualTo("trial"));
            Assert.That((string?)body["key"]!["id"], Is.EqualTo(key.Id));
            Assert.That((string?)body["key"]!["prefix"], Is.EqualTo(key.Prefix));
            Assert.That((string?)body["key"]!["name"], Is.EqualTo("Leaked"));
            Assert.That((string?)body["key"]!["status"], Is.EqualTo("active"));
            Assert.That(text, Does.Not.Contain(key.Secret[12..]), "the lookup does not echo the secret");
        }
    }

    [Test]
    public async Task Lookup_answers_one_404_body_for_malformed_bad_checksum_and_unknown_secrets()
    {
        var owner = await SignUpAsync();
        var key = await Keys.CreateAsync(owner.AccessToken);
        var signed = await OperatorAsync();
        var unknown = Keys.Remember(SecretFormat.ApiKey.Generate().Secret);
        var badChecksum = Keys.Remember(key.Secret[..^1] + (key.Secret[^1] == 'A' ? 'B' : 'A'));

        var bodies = new Dictionary<string, string>();
        foreach (var (name, secret) in new[] { ("malformed", "cxg_not-a-key"), ("not a key at all", "hello"), ("bad checksum", badChecksum), ("unknown", unknown) })
        {
            var body = await AssertProblemAsync(await LookupAsync(signed.AccessToken, new { secret }), HttpStatusCode.NotFound, "NOT_FOUND");
            bodies[name] = WithoutTraceId(body);
        }

        Assert.That(bodies.Values.Distinct().Count(), Is.EqualTo(1), string.Join("\n", bodies.Select(b => $"{b.Key}: {b.Value}")));
        Assert.That((string?)JsonNode.Parse(bodies["unknown"])!["message"], Is.EqualTo("No API key matches this secret."));
        await AssertProblemAsync(await LookupAsync(signed.AccessToken, new { secret = "" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task An_operator_revokes_any_key_with_a_reason_the_organization_sees_and_the_key_is_refused()
    {
        var owner = await SignUpAsync();
        var key = await Keys.CreateAsync(owner.AccessToken, "One");
        await Keys.CreateAsync(owner.AccessToken, "Two");
        var signed = await OperatorAsync();

        var response = await OperatorRevokeAsync(signed.AccessToken, key.Id, new { reason = "  Posted on a public forum  " });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        await Keys.AssertRefusedAsync(key.Secret);
        var listed = await Keys.KeyAsync(owner.AccessToken, key.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)listed["status"], Is.EqualTo("revoked"));
            Assert.That((string?)listed["revokedReason"], Is.EqualTo("Posted on a public forum"));
            Assert.That((string?)listed["revokedByUserId"], Is.EqualTo(signed.UserId));
        }

        await Keys.CreateAsync(owner.AccessToken, "Replacement after the operator freed a place");
        Assert.That((await OperatorRevokeAsync(signed.AccessToken, key.Id, new { reason = "again" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((string?)(await Keys.KeyAsync(owner.AccessToken, key.Id))["revokedReason"], Is.EqualTo("Posted on a public forum"), "the first revocation stands");
        await AssertProblemAsync(await OperatorRevokeAsync(signed.AccessToken, Guid.NewGuid().ToString(), new { reason = "typo" }), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [TestCase(null)]
    [TestCase("{}")]
    [TestCase("{\"reason\":null}")]
    [TestCase("{\"reason\":\"\"}")]
    [TestCase("{\"reason\":\"   \"}")]
    public async Task An_operator_revoke_without_a_reason_is_a_validation_error_and_the_key_keeps_working(string? json)
    {
        var owner = await SignUpAsync();
        var key = await Keys.CreateAsync(owner.AccessToken);
        var signed = await OperatorAsync();

        var body = await AssertProblemAsync(await OperatorRevokeAsync(signed.AccessToken, key.Id, json), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["reason"], Is.Not.Null, body.ToJsonString());
        await Keys.AssertIngestAcceptedAsync(key.Secret);
    }

    [Test]
    public async Task A_customer_admin_or_an_api_key_cannot_reach_the_admin_key_routes_and_an_operator_cannot_manage_a_customers_keys()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        var signed = await OperatorAsync();

        await AssertProblemAsync(await GetAsync("/api/v1/admin/api-keys", admin.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await LookupAsync(admin.AccessToken, new { secret = key.Secret }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await OperatorRevokeAsync(admin.AccessToken, key.Id, new { reason = "self-service" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await GetAsync("/api/v1/admin/api-keys", key.Secret), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
        await AssertProblemAsync(await LookupAsync(key.Secret, new { secret = key.Secret }), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
        await AssertProblemAsync(await GetAsync("/api/v1/api-keys", signed.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await Keys.CreateRawAsync(signed.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        await Keys.AssertIngestAcceptedAsync(key.Secret, "none of the refused calls revoked it");
    }

    [Test]
    public async Task An_operator_revoking_a_successor_ends_the_old_keys_grace_too()
    {
        var owner = await SignUpAsync();
        var old = await Keys.CreateAsync(owner.AccessToken);
        var successor = await Keys.RotateAsync(owner.AccessToken, old.Id, 3600);
        var signed = await OperatorAsync();

        Assert.That((await OperatorRevokeAsync(signed.AccessToken, successor.Id, new { reason = "leaked" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Keys.AssertRefusedAsync(successor.Secret);
        await Keys.AssertRefusedAsync(old.Secret, "the old key's grace ended with its successor");
    }

    [Test]
    public async Task Create_rotate_revoke_and_lookup_are_audited_without_the_secret()
    {
        var owner = await SignUpAsync();
        var created = await Keys.CreateAsync(owner.AccessToken, "Audited", ["ingest", "trigger"]);
        Advance(TimeSpan.FromSeconds(1));
        var rotated = await Keys.RotateAsync(owner.AccessToken, created.Id, 120);
        Advance(TimeSpan.FromSeconds(1));
        Assert.That((await Keys.RevokeAsync(owner.AccessToken, rotated.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var other = await Keys.CreateAsync(owner.AccessToken, "Killed by ops");
        var signed = await OperatorAsync();
        Advance(TimeSpan.FromSeconds(1));
        Assert.That((await LookupAsync(signed.AccessToken, new { secret = other.Secret })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var unknown = Keys.Remember(SecretFormat.ApiKey.Generate().Secret);
        Assert.That((await LookupAsync(signed.AccessToken, new { secret = unknown })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Advance(TimeSpan.FromSeconds(1));
        Assert.That((await OperatorRevokeAsync(signed.AccessToken, other.Id, new { reason = "leaked" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var events = Items(await GetOkAsync($"/api/v1/admin/audit-events?organizationId={owner.OrganizationId}&pageSize=200", signed.AccessToken))
            .Where(e => ((string?)e["type"])!.StartsWith("api_key.", StringComparison.Ordinal)).ToList();
        JsonNode[] Of(string type) => events.Where(e => (string?)e["type"] == type).Reverse().ToArray();

        var createdEvents = Of("api_key.created");
        var rotatedEvent = Of("api_key.rotated").Single();
        var revokedEvents = Of("api_key.revoked");
        var lookedUp = Of("api_key.looked_up").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(createdEvents.Select(e => (string?)e["data"]!["keyId"]), Is.EqualTo(new[] { created.Id, other.Id }));
            Assert.That((string?)createdEvents[0]["data"]!["prefix"], Is.EqualTo(created.Prefix));
            Assert.That((string?)createdEvents[0]["data"]!["name"], Is.EqualTo("Audited"));
            Assert.That((string?)createdEvents[0]["actorUserId"], Is.EqualTo(owner.UserId));
            Assert.That((string?)rotatedEvent["data"]!["keyId"], Is.EqualTo(created.Id));
            Assert.That((string?)rotatedEvent["data"]!["newKeyId"], Is.EqualTo(rotated.Id));
            Assert.That((string?)rotatedEvent["data"]!["newPrefix"], Is.EqualTo(rotated.Prefix));
            Assert.That((int?)rotatedEvent["data"]!["graceSeconds"], Is.EqualTo(120));
            Assert.That(revokedEvents.Select(e => (string?)e["data"]!["keyId"]), Is.EqualTo(new[] { rotated.Id, other.Id }));
            Assert.That(revokedEvents.Select(e => (string?)e["data"]!["by"]), Is.EqualTo(new[] { "organization", "operator" }));
            Assert.That(revokedEvents[0]["data"]!["graceEnded"]!.AsArray().Select(id => (string?)id), Is.EqualTo(new[] { created.Id }), "revoking the successor ended the old key's grace");
            Assert.That(revokedEvents[1]["data"]!["graceEnded"]!.AsArray(), Is.Empty);
            Assert.That((string?)revokedEvents[1]["data"]!["reason"], Is.EqualTo("leaked"));
            Assert.That((string?)revokedEvents[1]["actorUserId"], Is.EqualTo(signed.UserId));
            Assert.That((bool?)lookedUp["data"]!["found"], Is.True);
            Assert.That((string?)lookedUp["data"]!["keyId"], Is.EqualTo(other.Id));
            Assert.That((string?)lookedUp["actorUserId"], Is.EqualTo(signed.UserId));
        }

        var lookups = Items(await GetOkAsync("/api/v1/admin/audit-events?type=api_key.looked_up&pageSize=200", signed.AccessToken));
        Assert.That(lookups.Count(e => (bool?)e["data"]!["found"] == false), Is.GreaterThanOrEqualTo(1), "a miss is audited too");

        var everyEvent = (await GetOkAsync("/api/v1/admin/audit-events?pageSize=200", signed.AccessToken)).ToJsonString();
        foreach (var secret in Keys.Secrets)
        {
            Assert.That(everyEvent, Does.Not.Contain(secret[12..]), "an audit event holds a key secret");
        }
    }
}
