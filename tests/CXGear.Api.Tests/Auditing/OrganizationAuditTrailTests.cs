using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Users;
using CXGear.Domain.Authorization;

namespace CXGear.Api.Tests.Auditing;

/// <summary><c>GET /audit-events</c>: an organization's own trail, for its Admins only.</summary>
public sealed class OrganizationAuditTrailTests : MembersTestBase
{
    private async Task<JsonNode[]> EventsAsync(string token, string query = "")
    {
        var response = await GetAsync($"/api/v1/audit-events{query}", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(e => e!).ToArray();
    }

    private async Task<Signed> MemberWithAsync(Signed admin, params string[] permissions)
    {
        var role = await Seed.RoleAsync(Factory, admin.OrganizationId, permissions);
        var email = UniqueEmail("member");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, role);
        return await LoginAsync(email);
    }

    [Test]
    public async Task An_admin_reads_the_organizations_events_newest_first_and_never_another_organizations()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();
        Advance(TimeSpan.FromSeconds(1));
        await SendAsync(HttpMethod.Put, "/api/v1/vault/crm_token", new { value = "0123456789abcdef" }, admin.AccessToken);
        await SendAsync(HttpMethod.Put, "/api/v1/vault/theirs", new { value = "0123456789abcdef" }, other.AccessToken);

        var events = await EventsAsync(admin.AccessToken);

        Assert.That(events.Select(e => (string?)e["type"]), Is.EqualTo(new[] { "vault.secret_created", "auth.signup" }));
        Assert.That(events.Select(e => (string?)e["organizationId"]), Has.All.EqualTo(admin.OrganizationId));
        Assert.That((string?)events[0]["actorEmail"], Is.EqualTo(admin.Email));
        Assert.That((string?)events[0]["data"]!["label"], Is.EqualTo("crm_token"));
    }

    [Test]
    public async Task Filters_by_type_actor_and_time_window()
    {
        var admin = await SignUpAsync();
        var started = Factory.Clock.GetUtcNow();
        Advance(TimeSpan.FromMinutes(1));
        var member = await InviteAndLoginAsync(admin, AdminRoleId);
        Advance(TimeSpan.FromMinutes(1));
        await SendAsync(HttpMethod.Put, "/api/v1/vault/by_member", new { value = "0123456789abcdef" }, member.AccessToken);

        var byType = await EventsAsync(admin.AccessToken, "?type=vault.secret_created");
        var byActor = await EventsAsync(admin.AccessToken, $"?actorUserId={member.UserId}");
        var window = await EventsAsync(admin.AccessToken, $"?from={Uri.EscapeDataString(started.AddSeconds(30).ToString("O"))}&to={Uri.EscapeDataString(started.AddSeconds(90).ToString("O"))}");

        Assert.That(byType.Select(e => (string?)e["actorUserId"]), Is.EqualTo(new[] { member.UserId }));
        Assert.That(byActor.Select(e => (string?)e["type"]), Does.Contain("vault.secret_created").And.Not.Contain("auth.signup"));
        Assert.That(window.Select(e => (string?)e["type"]), Has.None.EqualTo("auth.signup").And.None.EqualTo("vault.secret_created"));
        Assert.That(window, Is.Not.Empty);
    }

    [Test]
    public async Task Users_manage_alone_or_roles_manage_alone_is_a_403_naming_the_missing_permission()
    {
        var admin = await SignUpAsync();
        var usersOnly = await MemberWithAsync(admin, Permissions.UsersManage);
        var rolesOnly = await MemberWithAsync(admin, Permissions.RolesManage);

        var first = await AssertProblemAsync(await GetAsync("/api/v1/audit-events", usersOnly.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await GetAsync("/api/v1/audit-events", rolesOnly.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.That((string?)first["message"], Does.Contain("roles.manage"));
    }

    [Test]
    public async Task An_unknown_type_or_an_empty_window_is_a_400()
    {
        var admin = await SignUpAsync();

        await AssertProblemAsync(await GetAsync("/api/v1/audit-events?type=vault.nope", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(
            await GetAsync("/api/v1/audit-events?from=2026-12-01T10:00:00Z&to=2026-12-01T09:00:00Z", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
