using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Users;

/// <summary>User and role changes leave an operator trail, written with the change and free of secrets.</summary>
public sealed class MembersAuditTests : MembersTestBase
{
    [Test]
    public async Task Member_and_role_changes_are_audited_without_the_temporary_password()
    {
        var admin = await SignUpAsync();
        var role = await CreateRoleAsync(admin, "Auditors");
        var roleId = (string)role["id"]!;
        await PatchAsync($"/api/v1/roles/{roleId}", new { name = "Auditors 2" }, admin.AccessToken);
        var user = await InviteAsync(admin);
        var userId = (string)user["id"]!;
        await PatchAsync($"/api/v1/users/{userId}", new { roleIds = new[] { SupervisorRoleId } }, admin.AccessToken);
        await PatchAsync($"/api/v1/users/{userId}", new { status = "disabled" }, admin.AccessToken);
        await PatchAsync($"/api/v1/users/{userId}", new { status = "active" }, admin.AccessToken);
        await DeleteAsync($"/api/v1/roles/{roleId}", admin.AccessToken);

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organizationId = Guid.Parse(admin.OrganizationId);
        var events = await db.AuditEvents.IgnoreQueryFilters()
            .Where(e => e.OrganizationId == organizationId && (e.Type.StartsWith("user.") || e.Type.StartsWith("role.")))
            .ToListAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Select(e => e.Type), Is.EquivalentTo(new[]
            {
                "role.created", "role.changed", "user.invited", "user.roles_changed", "user.disabled", "user.enabled", "role.deleted",
            }));
            Assert.That(events.Select(e => e.ActorUserId), Is.All.EqualTo(Guid.Parse(admin.UserId)));
            Assert.That(events.Where(e => e.Type.StartsWith("user.", StringComparison.Ordinal)).Select(e => e.Data), Has.All.Contains(userId));
            Assert.That(events.Select(e => e.Data), Has.None.Contains(Password));
        }
    }
}
