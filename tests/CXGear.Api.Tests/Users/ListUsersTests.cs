using System.Net;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.Users;

[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class ListUsersTests : MembersTestBase
{
    public ListUsersTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Search_matches_names_and_emails_whatever_their_case_on_every_engine()
    {
        var admin = await SignUpAsync();
        await InviteAsync(admin, fullName: "Grace Hopper", email: UniqueEmail("Grace.Hopper"));
        await InviteAsync(admin, fullName: "Alan Turing", email: UniqueEmail("alan"));

        var byName = await JsonAsync(await GetAsync("/api/v1/users?search=gRACE", admin.AccessToken));
        var byEmail = await JsonAsync(await GetAsync("/api/v1/users?search=ALAN.", admin.AccessToken));

        Assert.That(byName["items"]!.AsArray().Select(u => (string?)u!["fullName"]), Is.EqualTo(new[] { "Grace Hopper" }));
        Assert.That(byEmail["items"]!.AsArray().Select(u => (string?)u!["fullName"]), Is.EqualTo(new[] { "Alan Turing" }));
    }

    [Test]
    public async Task List_pages_users_by_name_with_roles_and_status()
    {
        var admin = await SignUpAsync();
        await InviteAsync(admin, fullName: "Zed Zulu");
        await InviteAsync(admin, fullName: "Bob Bravo", roleIds: [SupervisorRoleId]);

        var first = await JsonAsync(await GetAsync("/api/v1/users?page=1&pageSize=2", admin.AccessToken));
        var second = await JsonAsync(await GetAsync("/api/v1/users?page=2&pageSize=2", admin.AccessToken));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)first["total"], Is.EqualTo(3));
            Assert.That((int?)first["page"], Is.EqualTo(1));
            Assert.That((int?)first["pageSize"], Is.EqualTo(2));
            Assert.That(first["items"]!.AsArray().Select(u => (string?)u!["fullName"]), Is.EqualTo(new[] { "Ada Admin", "Bob Bravo" }));
            Assert.That(second["items"]!.AsArray().Select(u => (string?)u!["fullName"]), Is.EqualTo(new[] { "Zed Zulu" }));
            Assert.That((string?)first["items"]![0]!["roles"]![0]!["name"], Is.EqualTo("Admin"));
            Assert.That((string?)first["items"]![1]!["roles"]![0]!["name"], Is.EqualTo("Supervisor"));
            Assert.That((string?)first["items"]![1]!["status"], Is.EqualTo("active"));
        }
    }

    [Test]
    public async Task Defaults_are_page_one_of_fifty()
    {
        var admin = await SignUpAsync();

        var list = await JsonAsync(await GetAsync("/api/v1/users", admin.AccessToken));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int?)list["page"], Is.EqualTo(1));
            Assert.That((int?)list["pageSize"], Is.EqualTo(50));
            Assert.That((int?)list["total"], Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Online_follows_the_session_from_login_to_logout()
    {
        var admin = await SignUpAsync();
        var invited = await InviteAsync(admin, email: UniqueEmail("online"));
        var id = (string)invited["id"]!;

        var member = await LoginAsync((string)invited["email"]!, deviceLabel: "Firefox on Linux", ip: "192.0.2.77");
        var online = await GetUserAsync(admin, id);
        Advance(TimeSpan.FromMinutes(5));
        var logout = await PostAsync("/api/v1/auth/logout", token: member.AccessToken);
        var offline = await GetUserAsync(admin, id);

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((bool?)online["online"], Is.True);
            Assert.That((string?)online["deviceLabel"], Is.EqualTo("Firefox on Linux"));
            Assert.That((string?)online["ipAddress"], Is.EqualTo("192.0.2.77"));
            Assert.That((DateTime?)online["lastActiveAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));
            Assert.That((DateTime?)online["lastLoginAt"], Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5)));
            Assert.That((bool?)offline["online"], Is.False);
            Assert.That(offline["deviceLabel"], Is.Null);
            Assert.That(offline["lastActiveAt"], Is.Null);
            Assert.That(offline["lastLoginAt"], Is.Not.Null, "the last login stays after logout");
        }
    }

    [Test]
    public async Task An_idle_session_is_not_online()
    {
        var admin = await SignUpAsync();
        var member = await InviteAndLoginAsync(admin);
        var stillOnline = await GetUserAsync(admin, member.UserId);
        Advance(TimeSpan.FromHours(2));
        var adminAgain = await LoginAsync(admin.Email);

        var user = await GetUserAsync(adminAgain, member.UserId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((bool?)stillOnline["online"], Is.True);
            Assert.That((bool?)user["online"], Is.False, "two hours without activity end a session");
        }
    }

    [Test]
    public async Task Another_organizations_user_is_not_found_nor_listed()
    {
        var admin = await SignUpAsync();
        var other = await SignUpAsync();

        await AssertProblemAsync(await GetAsync($"/api/v1/users/{other.UserId}", admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await GetAsync($"/api/v1/users/{Guid.NewGuid()}", admin.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        var list = await JsonAsync(await GetAsync("/api/v1/users", admin.AccessToken));
        Assert.That(list["items"]!.AsArray().Select(u => (string?)u!["id"]), Is.EqualTo(new[] { admin.UserId }));
    }

    [Test]
    public async Task Listing_needs_a_token_and_the_users_manage_permission()
    {
        var admin = await SignUpAsync();
        var agent = await InviteAndLoginAsync(admin);

        await AssertProblemAsync(await GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync($"/api/v1/users/{admin.UserId}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await AssertProblemAsync(await GetAsync("/api/v1/users", agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
        await AssertProblemAsync(await GetAsync($"/api/v1/users/{admin.UserId}", agent.AccessToken), HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}
