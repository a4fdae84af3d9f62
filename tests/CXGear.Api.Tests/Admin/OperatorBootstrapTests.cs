using System.Net;
using CXGear.Domain.Organizations;
using CXGear.Infrastructure.Identity;
using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Api.Tests.Admin;

public sealed class OperatorBootstrapTests : AdminTestBase
{
    [Test]
    public async Task The_bootstrapped_operator_signs_in_and_me_shows_the_platform_without_roles_or_permissions()
    {
        var signed = await OperatorAsync();

        var me = await GetOkAsync("/api/v1/me", signed.AccessToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(signed.OrganizationId, Is.EqualTo(PlatformOrganizationId));
            Assert.That((string?)me["user"]!["email"], Is.EqualTo(OperatorEmail));
            Assert.That((string?)me["user"]!["fullName"], Is.EqualTo("Platform operator"));
            Assert.That((string?)me["organization"]!["id"], Is.EqualTo(PlatformOrganizationId));
            Assert.That(me["roles"]!.AsArray(), Is.Empty);
            Assert.That(me["permissions"]!.AsArray(), Is.Empty);
            Assert.That((string?)me["session"]!["id"], Is.EqualTo(signed.SessionId));
        }
    }

    [Test]
    public async Task The_operator_uses_refresh_and_logout_like_anyone()
    {
        var signed = await OperatorAsync();

        var refreshed = await PostAsync("/api/v1/auth/refresh", new { refreshToken = signed.RefreshToken });
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var token = (string)(await JsonAsync(refreshed))["accessToken"]!;
        var logout = await PostAsync("/api/v1/auth/logout", token: token);

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await GetAsync("/api/v1/admin/organizations", token), HttpStatusCode.Unauthorized, "SESSION_REVOKED");
    }

    [Test]
    public async Task The_operators_login_is_audited_under_the_platform_organization()
    {
        // Newest first: a later moment than the other tests' sign-ins makes this one the first item.
        Advance(TimeSpan.FromSeconds(1));
        var signed = await OperatorAsync();

        var page = await GetOkAsync($"/api/v1/admin/audit-events?organizationId={PlatformOrganizationId}&type=auth.login_succeeded", signed.AccessToken);

        var latest = Items(page)[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)latest["organizationId"], Is.EqualTo(PlatformOrganizationId));
            Assert.That((string?)latest["actorUserId"], Is.EqualTo(signed.UserId));
            Assert.That((string?)latest["actorEmail"], Is.EqualTo(OperatorEmail));
            Assert.That((string?)latest["data"]!["sessionId"], Is.EqualTo(signed.SessionId));
            Assert.That((string?)latest["data"]!["deviceLabel"], Is.EqualTo("Ops console"));
        }
    }

    [Test]
    public async Task Bootstrapping_again_changes_nothing()
    {
        var first = await OperatorAsync();

        var outcome = await Factory.Services.BootstrapOperatorAsync();

        Assert.That(outcome, Is.EqualTo(OperatorBootstrapOutcome.AlreadyOperator));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var accounts = await db.Users.IgnoreQueryFilters().Where(u => u.Email == OperatorEmail).ToListAsync();
        Assert.That(accounts.Select(u => u.OrganizationId), Is.EqualTo(new[] { Organization.PlatformId }));
        var again = await OperatorAsync();
        Assert.That(again.UserId, Is.EqualTo(first.UserId), "the same account, and its password still works");
    }

    [Test]
    public async Task An_email_of_a_customer_account_is_left_alone_with_a_warning()
    {
        var customer = await SignUpAsync();

        var outcome = await RunBootstrapAsync(customer.Email, "another operator passphrase");

        Assert.That(outcome, Is.EqualTo(OperatorBootstrapOutcome.EmailBelongsToCustomer));
        Assert.That(Factory.Logs, Has.Some.Contains("Warning").And.Contains("belongs to a customer account"));
        var me = await GetOkAsync("/api/v1/me", (await LoginAsync(customer.Email, takeover: true)).AccessToken);
        Assert.That((string?)me["organization"]!["id"], Is.EqualTo(customer.OrganizationId), "the customer stays a customer");
        await AssertProblemAsync(await LoginRawAsync(customer.Email, "another operator passphrase"), HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Test]
    public async Task Without_both_settings_nothing_is_created()
    {
        Assert.That(await RunBootstrapAsync(UniqueEmail("ops"), null), Is.EqualTo(OperatorBootstrapOutcome.NotConfigured));
        Assert.That(await RunBootstrapAsync(null, OperatorPassword), Is.EqualTo(OperatorBootstrapOutcome.NotConfigured));
    }

    [Test]
    public async Task A_weak_bootstrap_password_stops_start_up_without_quoting_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunBootstrapAsync(UniqueEmail("ops"), "short"));

        Assert.That(error!.Message, Does.Contain("Operators:BootstrapPassword").And.Not.Contain("short"));
    }

    [Test]
    public async Task A_second_operator_from_other_settings_is_created_and_logged_without_its_password()
    {
        var email = UniqueEmail("ops2");
        const string password = "second operator passphrase";

        var outcome = await RunBootstrapAsync(email, password);

        Assert.That(outcome, Is.EqualTo(OperatorBootstrapOutcome.Created));
        var signed = await LoginAsync(email, password);
        Assert.That(signed.OrganizationId, Is.EqualTo(PlatformOrganizationId));
        Assert.That(Factory.Logs, Has.Some.Contains("Created the bootstrap platform operator"));
        Assert.That(Factory.Logs, Has.None.Contains(password));
        Assert.That(Factory.Logs, Has.None.Contains(OperatorPassword));
    }

    private async Task<OperatorBootstrapOutcome> RunBootstrapAsync(string? email, string? password)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var bootstrap = ActivatorUtilities.CreateInstance<OperatorBootstrap>(
            scope.ServiceProvider,
            Options.Create(new OperatorOptions { BootstrapEmail = email, BootstrapPassword = password }));
        return await bootstrap.RunAsync();
    }
}
