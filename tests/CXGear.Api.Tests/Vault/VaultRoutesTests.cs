using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Spinners;
using CXGear.Domain.Authorization;
using CXGear.Domain.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CXGear.Application.Common.Abstractions;

namespace CXGear.Api.Tests.Vault;

/// <summary><c>GET /vault</c>, <c>PUT /vault/{label}</c>, <c>DELETE /vault/{label}</c>, and a spinner's references to the vault at save.</summary>
public sealed class VaultRoutesTests : CXGear.Api.Tests.Jobs.JobsTestBase
{
    private const string Value = "sk_live_0123456789abcdefWXYZ";

    private Task<HttpResponseMessage> PutRawAsync(string token, string label, object body) =>
        SendAsync(HttpMethod.Put, $"/api/v1/vault/{label}", body, token);

    private async Task<JsonNode> PutAsync(string token, string label, string value, string? description = null)
    {
        var response = await PutRawAsync(token, label, new { value, description });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private async Task<JsonNode[]> ListAsync(string token)
    {
        var response = await GetAsync("/api/v1/vault", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(i => i!).ToArray();
    }

    private static string CallWith(string header, string value, string url = "https://crm.test/contacts", string? body = null) =>
        "{'steps':[{'id':'a1','type':'api_call','method':'POST','url':'" + url + "'"
        + (body is null ? string.Empty : ",'body':'" + body + "'")
        + ",'headers':{'" + header + "':'" + value + "'},'saveAs':'crm'}]}";

    private async Task<Signed> MemberWithAsync(Signed admin, params string[] permissions)
    {
        var role = await Seed.RoleAsync(Factory, admin.OrganizationId, permissions);
        var email = UniqueEmail("member");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, role);
        return await LoginAsync(email);
    }

    [Test]
    public async Task Put_creates_a_secret_and_the_list_shows_it_masked_with_its_last_four_characters_only()
    {
        var admin = await SignUpAsync();

        var created = await PutAsync(admin.AccessToken, "crm_token", Value, "CRM bearer token");

        Assert.That((string?)created["label"], Is.EqualTo("crm_token"));
        Assert.That((string?)created["valuePreview"], Is.EqualTo("••••WXYZ"));
        Assert.That(created.ToJsonString(), Does.Not.Contain("0123456789"));
        var item = (await ListAsync(admin.AccessToken)).Single();
        Assert.That(
            ((string?)item["label"], (string?)item["description"], (string?)item["valuePreview"], item["lastUsedAt"]?.GetValue<DateTime?>()),
            Is.EqualTo(("crm_token", "CRM bearer token", "••••WXYZ", (DateTime?)null)));
        Assert.That(item.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "label", "description", "createdAt", "updatedAt", "lastUsedAt", "valuePreview" }));
    }

    [Test]
    public async Task The_value_is_stored_encrypted_and_a_short_value_shows_no_characters()
    {
        var admin = await SignUpAsync();
        await PutAsync(admin.AccessToken, "short_pin", "12345678");
        await PutAsync(admin.AccessToken, "crm_token", Value);

        Assert.That((await ListAsync(admin.AccessToken)).Select(i => (string?)i["valuePreview"]), Is.EqualTo(new[] { "••••WXYZ", "••••" }));
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var organizationId = Guid.Parse(admin.OrganizationId);
        var stored = await db.VaultSecrets.IgnoreQueryFilters().Where(s => s.OrganizationId == organizationId).Select(s => s.ProtectedValue).ToListAsync();
        Assert.That(stored, Has.Count.EqualTo(2));
        Assert.That(stored, Has.None.Contains("12345678").And.None.Contains("0123456789"));
    }

    [Test]
    public async Task Put_again_rotates_the_value_keeps_the_description_and_audits_both_without_the_value()
    {
        var admin = await SignUpAsync();
        var first = await PutAsync(admin.AccessToken, "crm_token", Value, "CRM");
        Advance(TimeSpan.FromMinutes(5));

        var rotated = await PutAsync(admin.AccessToken, "crm_token", "sk_live_rotated_value_9876");

        Assert.That(((string?)rotated["description"], (string?)rotated["valuePreview"]), Is.EqualTo(("CRM", "••••9876")));
        Assert.That((DateTime)rotated["updatedAt"]!, Is.GreaterThan((DateTime)first["updatedAt"]!));
        Assert.That((DateTime)rotated["createdAt"]!, Is.EqualTo((DateTime)first["createdAt"]!));
        Assert.That(await ListAsync(admin.AccessToken), Has.Length.EqualTo(1));
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var organizationId = Guid.Parse(admin.OrganizationId);
        var events = await db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.OrganizationId == organizationId && e.Type.StartsWith("vault."))
            .OrderBy(e => e.OccurredAt).Select(e => new { e.Type, e.Data }).ToListAsync();
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "vault.secret_created", "vault.secret_rotated" }));
        Assert.That(events.Select(e => e.Data), Has.All.Contains("crm_token").And.None.Contains("sk_live"));
    }

    [TestCase("Crm_Token")]
    [TestCase("1token")]
    [TestCase("crm-token")]
    [TestCase("a23456789012345678901234567890123456789012345678901234567890123456")]
    public async Task A_label_outside_the_rule_is_a_400_at_label(string label)
    {
        var admin = await SignUpAsync();
        var body = await AssertProblemAsync(await PutRawAsync(admin.AccessToken, label, new { value = Value }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "label" }));
    }

    [Test]
    public async Task An_empty_value_a_value_over_8_KB_and_a_long_description_are_400s_and_store_nothing()
    {
        var admin = await SignUpAsync();

        await AssertProblemAsync(await PutRawAsync(admin.AccessToken, "a", new { value = "  " }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await PutRawAsync(admin.AccessToken, "b", new { }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var big = await AssertProblemAsync(
            await PutRawAsync(admin.AccessToken, "c", new { value = new string('é', 4097) }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(big["errors"]!["value"]![0]!.ToString(), Does.Contain("8192 bytes"));
        await AssertProblemAsync(
            await PutRawAsync(admin.AccessToken, "d", new { value = Value, description = new string('d', 501) }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(await ListAsync(admin.AccessToken), Is.Empty);
    }

    [Test]
    public async Task The_vault_holds_at_most_200_secrets_then_a_new_label_is_a_409_while_a_rotation_still_works()
    {
        var admin = await SignUpAsync();
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var now = Factory.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < VaultSecret.MaxPerOrganization; i++)
            {
                db.VaultSecrets.Add(VaultSecret.Create(Guid.Parse(admin.OrganizationId), $"s{i}", null, Value, "x", Guid.Parse(admin.UserId), now));
            }

            await db.SaveChangesAsync();
        }

        await AssertProblemAsync(await PutRawAsync(admin.AccessToken, "one_more", new { value = Value }), HttpStatusCode.Conflict, "CONFLICT");
        await PutAsync(admin.AccessToken, "s7", Value);
        Assert.That(await ListAsync(admin.AccessToken), Has.Length.EqualTo(VaultSecret.MaxPerOrganization));
    }

    [Test]
    public async Task Delete_removes_the_secret_and_audits_it_then_a_second_delete_is_404()
    {
        var admin = await SignUpAsync();
        await PutAsync(admin.AccessToken, "crm_token", Value);

        var deleted = await SendAsync(HttpMethod.Delete, "/api/v1/vault/crm_token", token: admin.AccessToken);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ListAsync(admin.AccessToken), Is.Empty);
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, "/api/v1/vault/crm_token", token: admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var organizationId = Guid.Parse(admin.OrganizationId);
        Assert.That(
            await Seed.CountAsync(Factory, db => db.AuditEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == organizationId && e.Type == "vault.secret_deleted")),
            Is.EqualTo(1));
    }

    [Test]
    public async Task Another_organizations_labels_are_invisible_cannot_be_deleted_and_the_same_label_is_its_own()
    {
        var mine = await SignUpAsync();
        var theirs = await SignUpAsync();
        await PutAsync(theirs.AccessToken, "crm_token", Value);

        Assert.That(await ListAsync(mine.AccessToken), Is.Empty);
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, "/api/v1/vault/crm_token", token: mine.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await PutAsync(mine.AccessToken, "crm_token", "mine_is_another_value_0000");

        Assert.That((await ListAsync(theirs.AccessToken)).Select(i => (string?)i["valuePreview"]), Is.EqualTo(new[] { "••••WXYZ" }));
        Assert.That((await ListAsync(mine.AccessToken)).Select(i => (string?)i["valuePreview"]), Is.EqualTo(new[] { "••••0000" }));
    }

    [Test]
    public async Task Reading_needs_vault_read_and_changing_needs_vault_write()
    {
        var admin = await SignUpAsync();
        var reader = await MemberWithAsync(admin, Permissions.VaultRead);
        var nobody = await MemberWithAsync(admin, Permissions.ProjectsRead);
        await PutAsync(admin.AccessToken, "crm_token", Value);

        Assert.That(await ListAsync(reader.AccessToken), Has.Length.EqualTo(1));
        await AssertProblemAsync(await GetAsync("/api/v1/vault", nobody.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await PutRawAsync(reader.AccessToken, "crm_token", new { value = "stolen" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, "/api/v1/vault/crm_token", token: reader.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((await ListAsync(admin.AccessToken)).Single()["valuePreview"]!.ToString(), Is.EqualTo("••••WXYZ"));
    }

    [Test]
    public async Task No_route_answers_without_a_token_or_with_an_api_key()
    {
        var admin = await SignUpAsync();
        var key = await KeyAsync(admin.AccessToken, "ingest");

        await AssertProblemAsync(await GetAsync("/api/v1/vault"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync("/api/v1/vault", key), HttpStatusCode.Forbidden, "API_KEY_NOT_ALLOWED");
    }

    [Test]
    public async Task A_spinner_naming_a_label_the_vault_does_not_hold_is_a_400_at_the_header_path_even_when_another_organization_holds_it()
    {
        var (admin, project, table, _) = await ArrangeSpinnerAsync();
        var other = await SignUpAsync();
        await PutAsync(other.AccessToken, "crm_token", Value);

        var response = await CreateSpinnerRawAsync(admin.AccessToken, project, new
        {
            name = "Sync",
            dataTableId = table,
            definition = Def(CallWith("Authorization", "Bearer {{vault.crm_token}}")),
        });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "definition.steps[0].headers.Authorization" }));
        Assert.That(body["errors"]!["definition.steps[0].headers.Authorization"]![0]!.ToString(), Does.Contain("crm_token"));

        await PutAsync(admin.AccessToken, "crm_token", Value);
        var saved = await CreateSpinnerRawAsync(admin.AccessToken, project, new
        {
            name = "Sync",
            dataTableId = table,
            definition = Def(CallWith("Authorization", "Bearer {{vault.crm_token}}")),
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Created), await saved.Content.ReadAsStringAsync());
    }

    [TestCase("Authorization", "Bearer sk_live_123")]
    [TestCase("X-Api-Key", "abc123")]
    [TestCase("X-Crm-Token", "abc123")]
    [TestCase("x-client-secret", "{{payload.name}}abc")]
    public async Task A_literal_credential_in_a_header_is_a_400_that_points_to_the_vault(string header, string value)
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();

        var response = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{spinner}", new { name = "Sync", definition = Def(CallWith(header, value)) }, admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var message = body["errors"]![$"definition.steps[0].headers.{header}"]![0]!.ToString();
        Assert.That(message, Does.Contain("{{vault."));
    }

    [TestCase("{'steps':[{'id':'a1','type':'api_call','method':'GET','url':'https://crm.test/c?k={{vault.crm_token}}','saveAs':'crm'}]}", "definition.steps[0].url")]
    [TestCase("{'steps':[{'id':'l1','type':'log','message':'token {{vault.crm_token}}'}]}", "definition.steps[0].message")]
    [TestCase("{'steps':[{'id':'i1','type':'ai_agent','provider':'Mock','task':'use {{vault.crm_token}}'}]}", "definition.steps[0].task")]
    public async Task A_vault_reference_outside_an_api_calls_headers_and_body_is_a_400_at_its_path(string definition, string path)
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PutAsync(admin.AccessToken, "crm_token", Value);

        var response = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{spinner}", new { name = "Sync", definition = Def(definition) }, admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { path }));
    }

    [Test]
    public async Task A_definition_saved_with_a_literal_credential_before_the_rule_is_masked_in_the_draft_and_the_versions()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, spinner);
        var legacy = Def(CallWith("Authorization", "Bearer sk_live_legacy_0001")).ToJsonString();
        var id = Guid.Parse(spinner);
        using (var scope = Factory.Services.CreateScope())
        {
            // As a definition saved before the vault existed: written straight to the database.
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var canonical = CXGear.Domain.Spinners.Definitions.SpinnerDefinition.Parse(legacy).Definition!.ToJson();
            await db.Spinners.IgnoreQueryFilters().Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DraftDefinition, canonical));
            await db.SpinnerVersions.IgnoreQueryFilters().Where(v => v.SpinnerId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Definition, canonical));
        }

        var draft = await SpinnerAsync(admin.AccessToken, spinner);
        var versions = await JsonAsync(await GetAsync($"/api/v1/spinners/{spinner}/versions", admin.AccessToken));

        Assert.That(draft["definition"]!["steps"]![0]!["headers"]!["Authorization"]!.ToString(), Is.EqualTo("[secret]"));
        Assert.That(versions["items"]![0]!["definition"]!["steps"]![0]!["headers"]!["Authorization"]!.ToString(), Is.EqualTo("[secret]"));
        Assert.That(draft.ToJsonString() + versions.ToJsonString(), Does.Not.Contain("sk_live_legacy"));
    }
}
