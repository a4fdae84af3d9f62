using System.Net;
using System.Text.Json.Nodes;
using CXGear.Application.Common.Security;

namespace CXGear.Api.Tests.ApiKeys;

/// <summary>
/// docs/api.md#api-keys: keys reach <c>/public/*</c> only, with the route's scope; every way a key can be bad gets the
/// same 401 body, so a caller learns nothing about which it was.
/// </summary>
public sealed class ApiKeyAuthenticationTests : ApiKeysTestBase
{
    private DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    private static async Task<(HttpStatusCode Status, string? Challenge, string Body)> RefusalAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That((string?)body["traceId"], Is.Not.Empty);
        body.Remove("traceId");
        return (response.StatusCode, response.Headers.WwwAuthenticate.ToString(), body.ToJsonString());
    }

    [Test]
    public async Task A_trigger_only_key_on_ingest_is_403_key_missing_scope_ingest()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "Trigger only", ["trigger"]);

        var body = await AssertProblemAsync(await Keys.IngestAsync(key.Secret), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");

        Assert.That((string?)body["message"], Is.EqualTo("Key missing scope: ingest"));
        Assert.That((string?)body["scope"], Is.EqualTo("ingest"));
    }

    [Test]
    public async Task An_ingest_only_key_on_trigger_is_403_key_missing_scope_trigger()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "Ingest only", ["ingest"]);

        var body = await AssertProblemAsync(await Keys.TriggerAsync(key.Secret), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");

        Assert.That((string?)body["message"], Is.EqualTo("Key missing scope: trigger"));
        Assert.That((string?)body["scope"], Is.EqualTo("trigger"));
    }

    [Test]
    public async Task A_key_with_the_routes_scope_gets_past_authentication_to_the_unknown_table_or_spinner()
    {
        var admin = await SignUpAsync();
        var ingest = await Keys.CreateAsync(admin.AccessToken, "Ingest", ["ingest"]);
        var both = await Keys.CreateAsync(admin.AccessToken, "Both", ["ingest", "trigger"]);
        var spinnerId = Guid.NewGuid();

        var ingested = await AssertProblemAsync(await Keys.IngestAsync(ingest.Secret), HttpStatusCode.NotFound, "NOT_FOUND");
        var triggered = await AssertProblemAsync(await Keys.TriggerAsync(both.Secret, spinnerId), HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.That((string?)ingested["message"], Does.StartWith("Data table "));
        Assert.That((string?)triggered["message"], Is.EqualTo($"Spinner {spinnerId} was not found."));
        await Keys.AssertIngestAcceptedAsync(both.Secret);
    }

    [Test]
    public async Task An_api_key_on_a_user_route_is_403_api_key_not_allowed()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "Ingest", ["ingest", "trigger"]);

        await AssertProblemAsync(await GetAsync("/api/v1/me", key.Secret), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
        await AssertProblemAsync(await GetAsync("/api/v1/api-keys", key.Secret), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
        await AssertProblemAsync(await Keys.CreateRawAsync(key.Secret), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
        await AssertProblemAsync(await GetAsync("/api/v1/projects", key.Secret), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
        Assert.That((int?)(await Keys.ListAsync(admin.AccessToken))["total"], Is.EqualTo(1), "the key created no key");
    }

    [Test]
    public async Task A_user_access_token_on_the_public_routes_is_401_invalid_api_key()
    {
        var admin = await SignUpAsync();

        var ingest = await AssertProblemAsync(await Keys.IngestAsync(admin.AccessToken), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        var trigger = await AssertProblemAsync(await Keys.TriggerAsync(admin.AccessToken), HttpStatusCode.Unauthorized, "INVALID_API_KEY");

        Assert.That((string?)ingest["message"], Is.EqualTo("Invalid API key"));
        Assert.That((string?)trigger["message"], Is.EqualTo("Invalid API key"));
    }

    [Test]
    public async Task No_credentials_on_the_public_routes_is_401_invalid_api_key()
    {
        var response = await Keys.IngestAsync(null);

        // The product's troubleshooting table: "401 Invalid API key" covers a missing Bearer too.
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "INVALID_API_KEY");
    }

    [Test]
    public async Task Malformed_bad_checksum_unknown_revoked_expired_and_retired_keys_get_byte_identical_401s()
    {
        var admin = await SignUpAsync();
        var revoked = await Keys.CreateAsync(admin.AccessToken, "Revoked");
        Assert.That((await Keys.RevokeAsync(admin.AccessToken, revoked.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var expiring = await Keys.CreateAsync(admin.AccessToken, "Expiring", expiresAt: Now.AddMinutes(10));
        var retired = await Keys.CreateAsync(admin.AccessToken, "Retired");
        await Keys.RotateAsync(admin.AccessToken, retired.Id, 60);
        await Keys.AssertIngestAcceptedAsync(expiring.Secret, "not expired yet");
        await Keys.AssertIngestAcceptedAsync(retired.Secret, "inside its grace");
        Advance(TimeSpan.FromMinutes(10));

        var real = revoked.Secret;
        var lastChanged = real[..^1] + (real[^1] == 'A' ? 'B' : 'A');
        var randomChanged = real[..20] + (real[20] == 'A' ? 'B' : 'A') + real[21..];
        var candidates = new Dictionary<string, string>
        {
            ["too short"] = "cxg_abc",
            ["too long"] = real + "0",
            ["outside base62"] = real[..20] + "-" + real[21..],
            ["bad checksum"] = Keys.Remember(lastChanged),
            ["changed random part"] = Keys.Remember(randomChanged),
            ["unknown but well formed"] = Keys.Remember(SecretFormat.ApiKey.Generate().Secret),
            ["revoked"] = revoked.Secret,
            ["expired"] = expiring.Secret,
            ["past its rotation grace"] = retired.Secret,
        };

        var refusals = new Dictionary<string, (HttpStatusCode Status, string? Challenge, string Body)>();
        foreach (var (name, secret) in candidates)
        {
            refusals[name] = await RefusalAsync(await Keys.IngestAsync(secret));
        }

        var reference = refusals["unknown but well formed"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            var body = JsonNode.Parse(reference.Body)!;
            Assert.That((string?)body["errorCode"], Is.EqualTo("INVALID_API_KEY"));
            Assert.That((string?)body["message"], Is.EqualTo("Invalid API key"));
            Assert.That((string?)body["detail"], Is.EqualTo("Invalid API key"));
            Assert.That((string?)body["title"], Is.Not.Empty);
            foreach (var (name, refusal) in refusals)
            {
                Assert.That(refusal, Is.EqualTo(reference), name);
            }
        }
    }

    [Test]
    public async Task A_key_with_an_expiry_works_until_then_and_is_refused_from_that_instant()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken, "Expiring", expiresAt: Now.AddHours(2));

        Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        await Keys.AssertIngestAcceptedAsync(key.Secret, "one second before expiry");
        Advance(TimeSpan.FromSeconds(1));
        await Keys.AssertRefusedAsync(key.Secret, "at expiresAt");
    }

    [Test]
    public async Task A_revoked_key_is_refused_by_a_second_api_instance_on_the_same_database_at_once()
    {
        var admin = await SignUpAsync();
        var key = await Keys.CreateAsync(admin.AccessToken);
        using var second = new Infrastructure.CXGearApiFactory { ConnectionString = Factory.ConnectionString };
        second.Clock.SetUtcNow(Factory.Clock.GetUtcNow());
        using var secondClient = second.CreateClient();
        var secondKeys = new ApiKeyClient((method, url, body, token) => secondClient.SendAsync(Request(method, url, body, token)), second);
        await secondKeys.AssertIngestAcceptedAsync(key.Secret, "the other instance knows the key");

        Assert.That((await Keys.RevokeAsync(admin.AccessToken, key.Id)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await secondKeys.AssertRefusedAsync(key.Secret, "no cache keeps a revoked key alive on another instance");
        secondKeys.Remember(key.Secret);
        secondKeys.AssertNoSecretLogged();
    }
}
