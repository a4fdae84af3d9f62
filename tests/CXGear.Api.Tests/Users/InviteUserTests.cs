using System.Net;

namespace CXGear.Api.Tests.Users;

public sealed class InviteUserTests : MembersTestBase
{
    [Test]
    public async Task Invite_creates_an_active_agent_who_can_sign_in_at_once()
    {
        var admin = await SignUpAsync();
        var email = UniqueEmail("grace");

        var response = await InviteRawAsync(admin, email);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var user = await JsonAsync(response);
        var id = (string)user["id"]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/users/{id}"));
            Assert.That((string?)user["fullName"], Is.EqualTo("Grace Agent"));
            Assert.That((string?)user["email"], Is.EqualTo(email));
            Assert.That((string?)user["status"], Is.EqualTo("active"));
            Assert.That(RoleIdsOf(user), Is.EqualTo(new[] { AgentRoleId }), "roles default to Agent");
            Assert.That((string?)user["roles"]![0]!["name"], Is.EqualTo("Agent"));
            Assert.That((bool?)user["online"], Is.False);
            Assert.That(user["lastLoginAt"], Is.Null, "never logged in");
            Assert.That(user["deviceLabel"], Is.Null);
            Assert.That(user.ToJsonString(), Does.Not.Contain(Password), "the temporary password is never echoed");
        }

        var login = await LoginAsync(email, deviceLabel: "Grace's PC", ip: "192.0.2.9");
        Assert.That(login.UserId, Is.EqualTo(id));
        Assert.That(login.OrganizationId, Is.EqualTo(admin.OrganizationId));
    }

    [Test]
    public async Task An_email_registered_anywhere_is_taken()
    {
        var admin = await SignUpAsync();
        var elsewhere = await SignUpAsync();

        var response = await InviteRawAsync(admin, elsewhere.Email.ToUpperInvariant());

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "EMAIL_TAKEN");
    }

    [Test]
    public async Task Invalid_fields_are_named()
    {
        var admin = await SignUpAsync();

        var response = await PostAsync("/api/v1/users", new { fullName = "", email = "not-an-email", temporaryPassword = "short" }, admin.AccessToken);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "fullName", "email", "temporaryPassword" }));
    }

    [Test]
    public async Task The_fourth_user_on_trial_hits_the_plan_limit_and_nothing_is_created()
    {
        var admin = await SignUpAsync();
        await InviteAsync(admin);
        await InviteAsync(admin);
        var email = UniqueEmail("fourth");

        var response = await InviteRawAsync(admin, email);

        var body = await AssertProblemAsync(response, HttpStatusCode.Forbidden, "PLAN_LIMIT");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)body["meter"], Is.EqualTo("users"));
            Assert.That((long?)body["used"], Is.EqualTo(3));
            Assert.That((long?)body["limit"], Is.EqualTo(3));
            Assert.That((string?)body["message"], Does.Contain("(3/3)"));
        }

        var list = await JsonAsync(await GetAsync("/api/v1/users", admin.AccessToken));
        Assert.That((int?)list["total"], Is.EqualTo(3));
        await AssertProblemAsync(await LoginRawAsync(email), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task Inviting_needs_a_token_and_the_users_manage_permission()
    {
        var admin = await SignUpAsync();
        var agent = await InviteAndLoginAsync(admin);

        await AssertProblemAsync(await PostAsync("/api/v1/users", new { fullName = "X", email = UniqueEmail(), temporaryPassword = Password }), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        var forbidden = await AssertProblemAsync(await InviteRawAsync(agent), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.That((string?)forbidden["permission"], Is.EqualTo("users.manage"));
    }
}
