using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Users;

/// <summary>Helpers for the users and roles routes: invite, patch, delete, and signing invited people in.</summary>
public abstract class MembersTestBase : ApiTestBase
{
    public const string AdminRoleId = "0199a000-0000-7000-8000-000000000001";
    public const string AgentRoleId = "0199a000-0000-7000-8000-000000000002";
    public const string SupervisorRoleId = "0199a000-0000-7000-8000-000000000003";

    protected Task<HttpResponseMessage> PatchAsync(string url, object body, string? token) => SendAsync(HttpMethod.Patch, url, body, token);

    protected Task<HttpResponseMessage> DeleteAsync(string url, string? token) => SendAsync(HttpMethod.Delete, url, token: token);

    protected Task<HttpResponseMessage> InviteRawAsync(Signed admin, string? email = null, string[]? roleIds = null, string fullName = "Grace Agent") =>
        PostAsync("/api/v1/users", new { fullName, email = email ?? UniqueEmail("invitee"), temporaryPassword = Password, roleIds }, admin.AccessToken);

    /// <summary>Invites someone and returns the created user's body.</summary>
    protected async Task<JsonNode> InviteAsync(Signed admin, string? email = null, string[]? roleIds = null, string fullName = "Grace Agent")
    {
        var response = await InviteRawAsync(admin, email, roleIds, fullName);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    /// <summary>Invites someone with the given roles and signs them in (their first session, so no takeover is needed).</summary>
    protected async Task<Signed> InviteAndLoginAsync(Signed admin, params string[] roleIds)
    {
        var email = UniqueEmail("member");
        await InviteAsync(admin, email, roleIds.Length == 0 ? null : roleIds);
        return await LoginAsync(email, deviceLabel: "Member laptop", ip: "192.0.2.44");
    }

    protected async Task<JsonNode> CreateRoleAsync(Signed admin, string name, string basedOnRoleId = AgentRoleId, string[]? permissions = null)
    {
        var response = await PostAsync("/api/v1/roles", new { name, basedOnRoleId, permissions }, admin.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected async Task<JsonNode> GetUserAsync(Signed admin, string userId)
    {
        var response = await GetAsync($"/api/v1/users/{userId}", admin.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected static string[] RoleIdsOf(JsonNode user) => user["roles"]!.AsArray().Select(r => (string)r!["id"]!).ToArray();
}
