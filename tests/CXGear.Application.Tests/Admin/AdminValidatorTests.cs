using CXGear.Application.Admin.Commands.ChangeOrganizationPlan;
using CXGear.Application.Admin.Queries.ListAuditEvents;
using CXGear.Application.Admin.Queries.ListOrganizations;
using CXGear.Application.Tests.Auth;

namespace CXGear.Application.Tests.Admin;

public sealed class AdminValidatorTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("trial")]
    [TestCase("Enterprise")]
    public void Organizations_accept_no_plan_or_a_plan_id(string? plan)
    {
        Assert.That(new ListOrganizationsValidator().Validate(new ListOrganizationsQuery(null, plan)).IsValid, Is.True);
    }

    [TestCase("gold")]
    [TestCase("2")]
    public void Organizations_refuse_another_plan_naming_the_field(string plan)
    {
        var result = new ListOrganizationsValidator().Validate(new ListOrganizationsQuery(null, plan));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Plan" }));
        Assert.That(result.Errors[0].ErrorMessage, Does.Contain("trial, pro, advanced, enterprise"));
    }

    [TestCase(0, 50, "Page")]
    [TestCase(1, 0, "PageSize")]
    [TestCase(1, 201, "PageSize")]
    public void Organizations_check_paging(int page, int pageSize, string field)
    {
        var result = FailedProperties.Of(new ListOrganizationsValidator(), new ListOrganizationsQuery(null, null, page, pageSize));

        Assert.That(result, Is.EqualTo(new[] { field }));
    }

    [Test]
    public void Organizations_refuse_a_search_longer_than_any_name()
    {
        var result = FailedProperties.Of(new ListOrganizationsValidator(), new ListOrganizationsQuery(new string('a', 201), null));

        Assert.That(result, Is.EqualTo(new[] { "Search" }));
    }

    [TestCase("pro", true)]
    [TestCase("ADVANCED", true)]
    [TestCase("platinum", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void A_plan_change_needs_a_plan_id(string? plan, bool valid)
    {
        var result = new ChangeOrganizationPlanValidator().Validate(new ChangeOrganizationPlanCommand(Guid.NewGuid(), plan!));

        Assert.That(result.IsValid, Is.EqualTo(valid));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("auth.login_failed")]
    [TestCase("organization.plan_changed")]
    public void Audit_events_accept_no_type_or_a_known_one(string? type)
    {
        Assert.That(new ListAuditEventsValidator().Validate(new ListAuditEventsQuery(null, type, null, null)).IsValid, Is.True);
    }

    [TestCase("auth.login")]
    [TestCase("AUTH.LOGIN_FAILED")]
    public void Audit_events_refuse_an_unknown_type(string type)
    {
        var result = FailedProperties.Of(new ListAuditEventsValidator(), new ListAuditEventsQuery(null, type, null, null));

        Assert.That(result, Is.EqualTo(new[] { "Type" }));
    }

    [Test]
    public void Audit_events_need_to_after_from()
    {
        var validator = new ListAuditEventsValidator();

        Assert.That(FailedProperties.Of(validator, new ListAuditEventsQuery(null, null, Now, Now)), Is.EqualTo(new[] { "To" }));
        Assert.That(validator.Validate(new ListAuditEventsQuery(null, null, Now, Now.AddSeconds(1))).IsValid, Is.True);
        Assert.That(validator.Validate(new ListAuditEventsQuery(null, null, Now, null)).IsValid, Is.True);
    }

    [Test]
    public void Audit_events_check_paging()
    {
        var result = FailedProperties.Of(new ListAuditEventsValidator(), new ListAuditEventsQuery(null, null, null, null, 0, 500));

        Assert.That(result, Is.EquivalentTo(new[] { "Page", "PageSize" }));
    }
}
