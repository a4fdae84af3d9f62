using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Domain.Authorization;
using CXGear.Domain.Organizations;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>
/// Arranges state the route under test does not own (a member with given roles, a plan), straight through
/// the application's own services, so a test of projects does not depend on the users or admin routes.
/// </summary>
public static class Seed
{
    public static async Task<Guid> MemberAsync(CXGearApiFactory factory, string organizationId, string email, string password, params Guid[] roleIds)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
        var user = User.Create(Guid.Parse(organizationId), "Seeded Member", email, roleIds, factory.Clock.GetUtcNow().UtcDateTime);

        // Through a unit of work like any change: the member takes a seat on the Users meter.
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
            async () =>
            {
                db.Users.Add(user);
                await identity.CreateAccountAsync(user.Id, email, password, CancellationToken.None);
            },
            CancellationToken.None);
        return user.Id;
    }

    /// <summary>A custom role of the organization holding exactly <paramref name="permissions"/>; returns its id.</summary>
    public static async Task<Guid> RoleAsync(CXGearApiFactory factory, string organizationId, params string[] permissions)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var basedOn = SystemRoles.All.Single(r => r.Id == SystemRoles.AgentId);
        var role = Role.Extend(Guid.Parse(organizationId), basedOn, "Seeded " + Guid.NewGuid().ToString("N")[..6], permissions, factory.Clock.GetUtcNow().UtcDateTime);
        db.Roles.Add(role);
        await db.SaveChangesAsync();
        return role.Id;
    }

    public static async Task PlanAsync(CXGearApiFactory factory, string organizationId, PlanId plan)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var id = Guid.Parse(organizationId);
        await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Plan, plan));
    }

    /// <summary>Suspends through the domain rule, as the operator route does, without an operator session.</summary>
    public static async Task SuspendAsync(CXGearApiFactory factory, string organizationId, string reason)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var id = Guid.Parse(organizationId);
        var organization = await db.Organizations.IgnoreQueryFilters().FirstAsync(o => o.Id == id);
        organization.Suspend(reason, factory.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    public static async Task<int> CountAsync<T>(CXGearApiFactory factory, Func<IApplicationDbContext, IQueryable<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<IApplicationDbContext>()).CountAsync();
    }
}
