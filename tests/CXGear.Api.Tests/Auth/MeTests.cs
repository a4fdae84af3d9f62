using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Auth;

public sealed class MeTests : ApiTestBase
{
    [Test]
    public async Task Me_describes_the_user_organization_roles_permissions_plan_and_session()
    {
        var account = await SignUpAsync(deviceLabel: "Chrome on macOS", ip: "198.51.100.20");

        var me = await JsonAsync(await GetAsync("/api/v1/me", account.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That((string?)me["user"]!["id"], Is.EqualTo(account.UserId));
            Assert.That((string?)me["user"]!["status"], Is.EqualTo("active"));
            Assert.That((string?)me["organization"]!["id"], Is.EqualTo(account.OrganizationId));
            Assert.That((string?)me["plan"]!["id"], Is.EqualTo("trial"));
            Assert.That((string?)me["roles"]![0]!["name"], Is.EqualTo("Admin"));
            Assert.That((bool?)me["roles"]![0]!["isSystem"], Is.True);
            Assert.That((string?)me["permissions"]![0], Is.EqualTo("*"));
            Assert.That((string?)me["session"]!["id"], Is.EqualTo(account.SessionId));
            Assert.That((string?)me["session"]!["deviceLabel"], Is.EqualTo("Chrome on macOS"));
            Assert.That((string?)me["session"]!["ipAddress"], Is.EqualTo("198.51.100.20"));
            Assert.That((DateTime?)me["session"]!["expiresAt"], Is.EqualTo(((DateTime)me["session"]!["startedAt"]!).AddHours(12)));
        });
    }

    [Test]
    public async Task Me_needs_a_signed_in_user()
    {
        await AssertProblemAsync(await GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
