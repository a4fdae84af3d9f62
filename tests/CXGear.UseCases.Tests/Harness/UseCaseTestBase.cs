using CXGear.Application.Auth.Commands.SignUp;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.Domain.Users;
using CXGear.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.UseCases.Tests.Harness;

/// <summary>An organization arranged for a test and its founding Admin (seated on the Users meter).</summary>
public sealed record TestOrg(Guid Id, Caller Admin);

/// <summary>
/// One <see cref="UseCaseHost"/> (service provider and database file) per fixture; helpers that send as a chosen caller
/// and arrange state straight through the application's services, without password hashing where the test needs none.
/// </summary>
public abstract class UseCaseTestBase
{
    public const string Password = "correct horse battery staple";

    protected UseCaseHost Host { get; private set; } = null!;

    /// <summary>Configuration for this fixture's host (plan caps, for example).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    [OneTimeSetUp]
    public async Task StartHostAsync() => Host = await UseCaseHost.StartAsync(Settings);

    [OneTimeTearDown]
    public async Task StopHostAsync() => await Host.DisposeAsync();

    protected DateTime Now => Host.Clock.GetUtcNow().UtcDateTime;

    protected void Advance(TimeSpan by) => Host.Clock.Advance(by);

    protected static string UniqueEmail(string name = "user") => $"{name}.{Guid.NewGuid():N}@example.com";

    protected Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, Caller caller) => Host.SendAsync(command, caller);

    protected Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, Caller caller) => Host.SendAsync(query, caller);

    /// <summary>Asserts the pipeline refused with <paramref name="code"/>; returns the refusal for its extensions.</summary>
    protected static async Task<CXGearException> RefusedAsync(Func<Task> send, string code)
    {
        var refusal = await Assert.CatchAsync<CXGearException>(async () => await send());
        Assert.That(refusal!.Code, Is.EqualTo(code), refusal.Message);
        Assert.That(refusal.Message, Is.Not.Empty);
        return refusal;
    }

    /// <summary>Asserts a VALIDATION_ERROR; returns its field errors (camelCase paths, as the problem body names them).</summary>
    protected static async Task<IReadOnlyDictionary<string, string[]>> InvalidAsync(Func<Task> send)
    {
        var refusal = await RefusedAsync(send, ErrorCodes.ValidationError);

        // The validation behavior's exception carries them typed; a handler's own refusal in its extensions.
        return refusal.Extensions.TryGetValue("errors", out var errors) && errors is IReadOnlyDictionary<string, string[]> fields
            ? fields
            : new Dictionary<string, string[]>();
    }

    /// <summary>A new organization on <paramref name="plan"/> with its Admin, written directly (no credential, no session).</summary>
    protected async Task<TestOrg> OrganizationAsync(PlanId plan = PlanId.Trial)
    {
        var organization = Organization.SignUp("Acme " + Guid.NewGuid().ToString("N")[..6], Now);
        var admin = User.Create(organization.Id, "Ada Admin", UniqueEmail("admin"), [SystemRoles.AdminId], Now);
        await AddUserAsync(admin, organization);
        if (plan != PlanId.Trial)
        {
            await PlanAsync(organization.Id, plan);
        }

        return new TestOrg(organization.Id, Caller.Member(organization.Id, admin.Id));
    }

    /// <summary>
    /// A new organization through <see cref="SignUpCommand"/> (a real account with a password and a session), for tests
    /// that need the credential store: emails taken, sign-in after a change.
    /// </summary>
    protected async Task<(TestOrg TestOrg, string Email)> SignUpAsync()
    {
        var email = UniqueEmail("founder");
        var result = await SendAsync(new SignUpCommand("Ada Admin", "Acme " + Guid.NewGuid().ToString("N")[..6], email, Password, "Test laptop"), Caller.Anonymous);
        return (new TestOrg(result.Organization.Id, Caller.Member(result.Organization.Id, result.User.Id, result.Session.Id)), email);
    }

    /// <summary>A member holding <paramref name="roleIds"/> (none: no permission at all), seated on the Users meter.</summary>
    protected Task<Caller> MemberAsync(Guid organizationId, params Guid[] roleIds) =>
        MemberAsync(organizationId, "Seeded Member", UniqueEmail("member"), roleIds);

    /// <summary>A member with a chosen name and email (listing and search tests), seated on the Users meter.</summary>
    protected async Task<Caller> MemberAsync(Guid organizationId, string fullName, string email, params Guid[] roleIds)
    {
        var user = User.Create(organizationId, fullName, email, roleIds, Now);
        await AddUserAsync(user);
        return Caller.Member(organizationId, user.Id);
    }

    /// <summary>
    /// Writes the user (and the organization, when new) in a unit of work, so the seat is counted, with a credential
    /// row made by the identity store but no password: nothing to hash, and nobody can sign in as them.
    /// </summary>
    private Task AddUserAsync(User user, Organization? organization = null) =>
        Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<IApplicationDbContext>();
            var accounts = services.GetRequiredService<UserManager<ApplicationUser>>();
            await services.GetRequiredService<UnitOfWork>().RunAsync(
                async () =>
                {
                    if (organization is not null)
                    {
                        db.Organizations.Add(organization);
                    }

                    db.Users.Add(user);
                    var created = await accounts.CreateAsync(new ApplicationUser { Id = user.Id, UserName = user.Email, Email = user.Email });
                    Assert.That(created.Succeeded, Is.True, string.Join("; ", created.Errors.Select(e => e.Description)));
                },
                CancellationToken.None);
            return true;
        });

    /// <summary>A platform operator: an account of the platform organization (holding no role, like the bootstrapped one).</summary>
    protected async Task<Caller> OperatorAsync()
    {
        var user = User.Create(Organization.PlatformId, "Platform Operator", UniqueEmail("ops"), [], Now);
        await AddUserAsync(user);
        return Caller.Operator(user.Id);
    }

    /// <summary>A new Trial organization named <paramref name="name"/> (listing and search tests choose names).</summary>
    protected async Task<TestOrg> OrganizationNamedAsync(string name)
    {
        var organization = Organization.SignUp(name, Now);
        var admin = User.Create(organization.Id, "Ada Admin", UniqueEmail("admin"), [SystemRoles.AdminId], Now);
        await AddUserAsync(admin, organization);
        return new TestOrg(organization.Id, Caller.Member(organization.Id, admin.Id));
    }

    /// <summary>A member whose one custom role holds exactly <paramref name="permissions"/>.</summary>
    protected async Task<Caller> MemberWithAsync(Guid organizationId, params string[] permissions) =>
        await MemberAsync(organizationId, await RoleAsync(organizationId, permissions));

    /// <summary>A custom role of the organization (based on Agent) holding exactly <paramref name="permissions"/>.</summary>
    protected async Task<Guid> RoleAsync(Guid organizationId, params string[] permissions)
    {
        var basedOn = SystemRoles.All.Single(r => r.Id == SystemRoles.AgentId);
        var role = Role.Extend(organizationId, basedOn, "Seeded " + Guid.NewGuid().ToString("N")[..6], permissions, Now);
        await Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<IApplicationDbContext>();
            await services.GetRequiredService<UnitOfWork>().RunAsync(
                () =>
                {
                    db.Roles.Add(role);
                    return Task.CompletedTask;
                },
                CancellationToken.None);
            return true;
        });
        return role.Id;
    }

    protected Task PlanAsync(Guid organizationId, PlanId plan) =>
        Host.InScopeAsync(async services =>
            await services.GetRequiredService<IApplicationDbContext>().Organizations.IgnoreQueryFilters()
                .Where(o => o.Id == organizationId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Plan, plan)));

    /// <summary>Counts rows the way a test checks what a refusal left behind (across organizations).</summary>
    protected Task<int> CountAsync<T>(Func<IApplicationDbContext, IQueryable<T>> query) =>
        Host.InScopeAsync(async services => await query(services.GetRequiredService<IApplicationDbContext>()).CountAsync());
}
