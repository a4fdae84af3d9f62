using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Api.Tests.Integrations;

/// <summary><c>GET /integrations/ai-providers</c> and <c>PUT /integrations/ai-providers/{provider}</c>.</summary>
public sealed class AiProviderRoutesTests : ApiTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "gateway.example.com";
        factory.Settings["Runtime:Outbound:AllowedHosts:1"] = "api.openai.com";
    }

    private Task<HttpResponseMessage> PutRawAsync(string token, string provider, object body) =>
        SendAsync(HttpMethod.Put, $"/api/v1/integrations/ai-providers/{provider}", body, token);

    private async Task PutSecretAsync(string token, string label)
    {
        var put = await SendAsync(HttpMethod.Put, $"/api/v1/vault/{label}", new { value = "sk-test-0123456789abcdef" }, token);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode[]> ListAsync(string token)
    {
        var response = await GetAsync("/api/v1/integrations/ai-providers", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(i => i!).ToArray();
    }

    [Test]
    public async Task Put_creates_then_replaces_the_setting_the_list_shows_it_without_any_key_and_both_are_audited()
    {
        var admin = await SignUpAsync();
        await PutSecretAsync(admin.AccessToken, "openai_key");
        await PutSecretAsync(admin.AccessToken, "openai_key_2");

        var created = await PutRawAsync(admin.AccessToken, "openai", new { apiKeyVaultLabel = "openai_key", defaultModel = "gpt-4o-mini" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        Advance(TimeSpan.FromMinutes(1));
        var replaced = await PutRawAsync(
            admin.AccessToken, "openai", new { apiKeyVaultLabel = "openai_key_2", defaultModel = "gpt-4.1", baseUrl = "https://gateway.example.com/v1" });
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replaced.Content.ReadAsStringAsync());

        var item = (await ListAsync(admin.AccessToken)).Single();
        Assert.That(
            ((string?)item["provider"], (string?)item["apiKeyVaultLabel"], (string?)item["defaultModel"], (string?)item["baseUrl"]),
            Is.EqualTo(("openai", "openai_key_2", "gpt-4.1", "https://gateway.example.com/v1")));
        Assert.That((DateTime)item["updatedAt"]!, Is.GreaterThan((DateTime)item["createdAt"]!));
        Assert.That(item.ToJsonString(), Does.Not.Contain("sk-test"));
        var organizationId = Guid.Parse(admin.OrganizationId);
        var events = await Seed.CountAsync(
            Factory, db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == organizationId && e.Type == "integrations.ai_provider_set"));
        Assert.That(events, Is.EqualTo(2));
    }

    [Test]
    public async Task A_label_the_vault_does_not_hold_is_a_400_at_apiKeyVaultLabel_and_stores_nothing()
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(
            await PutRawAsync(admin.AccessToken, "anthropic", new { apiKeyVaultLabel = "claude_key", defaultModel = "claude-sonnet-4-5" }),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "apiKeyVaultLabel" }));
        Assert.That(await ListAsync(admin.AccessToken), Is.Empty);
    }

    [TestCase("https://evil.example.net/v1")]
    [TestCase("http://gateway.example.com/v1")]
    [TestCase("ftp://gateway.example.com/v1")]
    [TestCase("not a url")]
    public async Task A_base_url_off_the_allow_list_or_not_https_is_a_400_at_baseUrl(string baseUrl)
    {
        var admin = await SignUpAsync();
        await PutSecretAsync(admin.AccessToken, "openai_key");

        var body = await AssertProblemAsync(
            await PutRawAsync(admin.AccessToken, "openai", new { apiKeyVaultLabel = "openai_key", defaultModel = "gpt-4o-mini", baseUrl }),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "baseUrl" }));
    }

    [Test]
    public async Task An_unknown_provider_a_bad_label_and_a_missing_model_are_400s_at_their_fields()
    {
        var admin = await SignUpAsync();

        var body = await AssertProblemAsync(
            await PutRawAsync(admin.AccessToken, "Mock", new { apiKeyVaultLabel = "Bad-Label" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "provider", "apiKeyVaultLabel", "defaultModel" }));
    }

    [Test]
    public async Task Another_organization_sees_none_of_the_settings_and_its_vault_labels_do_not_count()
    {
        var mine = await SignUpAsync();
        var theirs = await SignUpAsync();
        await PutSecretAsync(theirs.AccessToken, "openai_key");
        var put = await PutRawAsync(theirs.AccessToken, "openai", new { apiKeyVaultLabel = "openai_key", defaultModel = "gpt-4o-mini" });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await ListAsync(mine.AccessToken), Is.Empty);
        await AssertProblemAsync(
            await PutRawAsync(mine.AccessToken, "openai", new { apiKeyVaultLabel = "openai_key", defaultModel = "gpt-4o-mini" }),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");
        Assert.That(await ListAsync(theirs.AccessToken), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Reading_needs_integrations_read_and_changing_needs_integrations_write()
    {
        var admin = await SignUpAsync();
        await PutSecretAsync(admin.AccessToken, "openai_key");
        var role = await Seed.RoleAsync(Factory, admin.OrganizationId, Permissions.IntegrationsRead);
        var email = UniqueEmail("reader");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, role);
        var reader = await LoginAsync(email);

        Assert.That(await ListAsync(reader.AccessToken), Is.Empty);
        await AssertProblemAsync(
            await PutRawAsync(reader.AccessToken, "openai", new { apiKeyVaultLabel = "openai_key", defaultModel = "gpt-4o-mini" }),
            HttpStatusCode.Forbidden,
            "FORBIDDEN");
    }
}
