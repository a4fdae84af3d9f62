using CXGear.Application.Admin.Queries.ListAuditEvents;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Auth.Commands.Login;
using CXGear.Domain.Common;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Admin;

/// <summary>
/// What the audit trail records for sign-in failures and how operators filter and page it. The full auth-flow trail
/// (with its scan of payloads and logs for secrets) and malformed query values stay in Api.Tests (AuditEventsTests).
/// </summary>
public sealed class AuditEventRulesTests : UseCaseTestBase
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private async Task<IReadOnlyList<AuditEventDto>> EventsOfAsync(Guid organizationId, Caller operatorAccount, string? type = null) =>
        (await SendAsync(new ListAuditEventsQuery(organizationId, type, null, null, PageSize: 200), operatorAccount)).Items;

    private Task LoginAsync(string email, string password = Password) =>
        SendAsync(new LoginCommand(email, password, "Test laptop", false), Caller.Anonymous);

    [Test]
    public async Task Failures_up_to_the_lockout_and_attempts_while_locked_are_all_recorded()
    {
        var (account, email) = await SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            Advance(Step);
            var attempt = i;
            await Assert.CatchAsync<CXGearException>(async () => await LoginAsync(email, "wrong password " + attempt));
        }

        Advance(Step);
        await RefusedAsync(() => LoginAsync(email), ErrorCodes.AccountLocked);

        var failures = await EventsOfAsync(account.Id, await OperatorAsync(), "auth.login_failed");
        Assert.That(failures.Select(e => e.Data.GetProperty("reason").GetString()), Is.EqualTo(new[]
        {
            "account_locked", "invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials",
        }));
        Assert.That(failures.Select(e => e.Data.GetProperty("locked").GetBoolean()), Is.EqualTo(new[] { true, true, false, false, false, false }));
    }

    [Test]
    public async Task Filters_by_organization_type_and_time_and_pages()
    {
        var (alpha, _) = await SignUpAsync();
        Advance(Step);
        var since = Now;
        var (beta, betaEmail) = await SignUpAsync();
        Advance(Step);
        await LoginAsync(betaEmail);
        var operatorAccount = await OperatorAsync();

        var alphaEvents = await EventsOfAsync(alpha.Id, operatorAccount);
        var betaSignUps = await EventsOfAsync(beta.Id, operatorAccount, "auth.signup");
        var window = (await SendAsync(new ListAuditEventsQuery(null, "auth.signup", since, since.AddSeconds(1)), operatorAccount)).Items;
        var first = await SendAsync(new ListAuditEventsQuery(beta.Id, null, null, null, PageSize: 2), operatorAccount);
        var second = await SendAsync(new ListAuditEventsQuery(beta.Id, null, null, null, Page: 2, PageSize: 2), operatorAccount);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(alphaEvents.Select(e => e.Type), Is.EqualTo(new[] { "auth.signup" }));
            Assert.That(betaSignUps.Select(e => e.ActorUserId), Is.EqualTo(new[] { beta.Admin.UserId }));
            Assert.That(window.Select(e => e.OrganizationId), Is.EqualTo(new[] { beta.Id }), "from is inclusive, to exclusive");
            Assert.That(first.Total, Is.EqualTo(3), "sign-up, then a login that replaced the sign-up's session");
            Assert.That(first.Items.Select(e => e.Type), Is.EquivalentTo(new[] { "auth.login_succeeded", "session.replaced" }));
            Assert.That(second.Items.Select(e => e.Type), Is.EqualTo(new[] { "auth.signup" }));
            Assert.That(second.Page, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Bad_filters_are_validation_errors_naming_the_field()
    {
        var operatorAccount = await OperatorAsync();
        var at = new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc);
        var bad = new (ListAuditEventsQuery Query, string Field)[]
        {
            (new ListAuditEventsQuery(null, "auth.login", null, null), "type"),
            (new ListAuditEventsQuery(null, "AUTH.SIGNUP", null, null), "type"),
            (new ListAuditEventsQuery(null, null, null, null, Page: 0), "page"),
            (new ListAuditEventsQuery(null, null, null, null, PageSize: 500), "pageSize"),
            (new ListAuditEventsQuery(null, null, at, at.AddHours(-1)), "to"),
        };

        foreach (var (query, field) in bad)
        {
            var errors = await InvalidAsync(() => SendAsync(query, operatorAccount));

            Assert.That(errors.Keys, Does.Contain(field), query.ToString());
        }
    }
}
