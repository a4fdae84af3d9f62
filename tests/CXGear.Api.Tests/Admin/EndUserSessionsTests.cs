using System.Net;
using CXGear.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Admin;

/// <summary><c>POST /admin/users/{id}/sessions/end</c>.</summary>
public sealed class EndUserSessionsTests : AdminTestBase
{
    [Test]
    public async Task An_operator_ends_a_users_session_its_next_request_and_refresh_are_401_SESSION_REVOKED_and_the_user_can_sign_in_again()
    {
        var user = await SignUpOrganizationAsync("Acme");
        var operatorAccount = await OperatorAsync();

        var response = await PostAsync($"/api/v1/admin/users/{user.UserId}/sessions/end", new { reason = "laptop stolen" }, operatorAccount.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((int?)(await JsonAsync(response))["ended"], Is.EqualTo(1));
        await AssertProblemAsync(await GetAsync("/api/v1/me", user.AccessToken), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        await AssertProblemAsync(await PostAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
        var again = await LoginAsync(user.Email);
        Assert.That((await GetAsync("/api/v1/me", again.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task It_is_audited_in_the_users_organization_with_the_operator_as_actor()
    {
        var user = await SignUpOrganizationAsync("Acme");
        var operatorAccount = await OperatorAsync();

        await PostAsync($"/api/v1/admin/users/{user.UserId}/sessions/end", new { reason = "support ticket 42" }, operatorAccount.AccessToken);

        var trail = await GetOkAsync("/api/v1/audit-events?type=session.revoked", (await LoginAsync(user.Email)).AccessToken);
        var item = Items(trail).Single();
        Assert.That(((string?)item["actorUserId"], (string?)item["data"]!["reason"], (string?)item["data"]!["note"]),
            Is.EqualTo((operatorAccount.UserId, "admin_action", "support ticket 42")));
    }

    [Test]
    public async Task An_unknown_user_or_a_platform_account_is_404_and_a_customer_is_403()
    {
        var user = await SignUpOrganizationAsync("Acme");
        var operatorAccount = await OperatorAsync();

        await AssertProblemAsync(await PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/sessions/end", token: operatorAccount.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(
            await PostAsync($"/api/v1/admin/users/{operatorAccount.UserId}/sessions/end", token: operatorAccount.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await PostAsync($"/api/v1/admin/users/{user.UserId}/sessions/end", token: user.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        var userId = Guid.Parse(user.UserId);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        Assert.That(await db.Sessions.IgnoreQueryFilters().CountAsync(s => s.UserId == userId && s.EndReason == null), Is.EqualTo(1), "nothing ended");
    }
}
