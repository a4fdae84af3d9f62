using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Billing;

/// <summary>
/// <c>POST /public/billing/stripe/webhook</c> and <c>/razorpay/webhook</c>: signatures over the raw body, events taken
/// once, states that arrive out of order, plan changes audited with their event id, and one organization's events
/// never reaching another's plan.
/// </summary>
public sealed class BillingWebhookTests : BillingTestBase
{
    [Test]
    public async Task A_signed_checkout_completed_moves_the_plan_and_billing_shows_the_change_with_its_event_id()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var eventId = NewEventId();

        var outcome = await SendStripeAsync(CheckoutCompleted(eventId, Now, customer, "sub_A1", admin.OrganizationId, "advanced"));

        Assert.That(outcome, Is.EqualTo("applied"));
        var billing = await BillingAsync(admin.AccessToken);
        Assert.That((string?)billing["plan"], Is.EqualTo("advanced"));
        var change = billing["planChanges"]!.AsArray().Single()!;
        Assert.That(((string?)change["from"], (string?)change["to"], (string?)change["provider"], (string?)change["providerEventId"]),
            Is.EqualTo(("trial", "advanced", "stripe", eventId)));
        Assert.That(((string?)billing["subscription"]!["provider"], (string?)billing["subscription"]!["status"]), Is.EqualTo(("stripe", "active")));
        var audit = await AuditAsync(admin.OrganizationId);
        Assert.That(audit.Select(a => a.Type), Does.Contain(AuditEventTypes.PlanChanged));
        Assert.That(audit.Single(a => a.Type == AuditEventTypes.PlanChanged).Data, Does.Contain(eventId));
    }

    [Test]
    public async Task A_replayed_event_is_answered_200_and_changes_nothing_a_second_time()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var body = CheckoutCompleted(NewEventId(), Now, customer, "sub_R1", admin.OrganizationId);
        Assert.That(await SendStripeAsync(body), Is.EqualTo("applied"));
        await Seed.PlanAsync(Factory, admin.OrganizationId, CXGear.Domain.Organizations.PlanId.Trial);

        var replay = await SendStripeAsync(body);

        Assert.That(replay, Is.EqualTo("duplicate"));
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("trial"), "the event was taken once; replaying it does not move the plan again");
        Assert.That((await AuditAsync(admin.OrganizationId)).Count(a => a.Type == AuditEventTypes.PlanChanged && a.Data.Contains("stripe", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_copies_of_one_event_at_once_change_the_plan_once()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var body = CheckoutCompleted(NewEventId(), Now, customer, "sub_C1", admin.OrganizationId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostStripeAsync(body, StripeSignature(body, Now))));

        // Each copy is taken, found taken, or loses the race at the unique index (409, which the provider retries).
        var outcomes = new List<string>();
        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.Conflict), text);
            outcomes.Add(answer.StatusCode == HttpStatusCode.OK ? (string)JsonNode.Parse(text)!["outcome"]! : "409");
        }

        Assert.That(outcomes.Count(o => o == "applied"), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That((await AuditAsync(admin.OrganizationId)).Count(a => a.Type == AuditEventTypes.PlanChanged), Is.EqualTo(1));
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("pro"));
    }

    [Test]
    public async Task A_missing_or_wrong_signature_or_a_changed_body_is_400_and_nothing_changes()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var body = CheckoutCompleted(NewEventId(), Now, customer, "sub_S1", admin.OrganizationId);
        var receipts = await Seed.CountAsync(Factory, db => db.BillingEventReceipts);

        var responses = new[]
        {
            await PostStripeAsync(body, signature: null),
            await PostStripeAsync(body, StripeSignature(body, Now, secret: "whsec_wrong")),
            await PostStripeAsync(body.Replace("\"paid\"", "\"paix\"", StringComparison.Ordinal), StripeSignature(body, Now)),
            await PostStripeAsync(body, "t=" + Now + ",v1=" + new string('0', 64)),
        };

        foreach (var response in responses)
        {
            var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.That((string?)problem["message"], Does.Contain("Stripe-Signature"));
        }

        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("trial"));
        Assert.That(await Seed.CountAsync(Factory, db => db.BillingEventReceipts), Is.EqualTo(receipts));
    }

    [Test]
    public async Task A_signature_older_than_five_minutes_is_400_even_when_it_matches()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var body = CheckoutCompleted(NewEventId(), Now, customer, "sub_T1", admin.OrganizationId);
        var signedAt = Now;

        Advance(TimeSpan.FromMinutes(4));
        var late = await PostStripeAsync(body, StripeSignature(body, signedAt - 120));
        var fresh = await PostStripeAsync(body, StripeSignature(body, signedAt));

        await AssertProblemAsync(late, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), "four minutes is within the tolerance");
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("pro"));
    }

    [Test]
    public async Task A_cancel_that_overtakes_an_older_renewal_keeps_the_organization_on_trial()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var t0 = Now;
        await SendStripeAsync(CheckoutCompleted(NewEventId(), t0, customer, "sub_O1", admin.OrganizationId));
        Advance(TimeSpan.FromMinutes(1));

        // Stripe sent the renewal (t0+100) before the deletion (t0+200); they arrive the other way round.
        var deleted = await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.deleted", t0 + 200, customer, "sub_O1", "canceled"));
        var renewed = await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.updated", t0 + 100, customer, "sub_O1", "active", periodEnd: t0 + 2_600_000));

        Assert.That((deleted, renewed), Is.EqualTo(("applied", "stale")));
        var billing = await BillingAsync(admin.AccessToken);
        Assert.That((string?)billing["plan"], Is.EqualTo("trial"));
        Assert.That((string?)billing["subscription"]!["status"], Is.EqualTo("canceled"));
        Assert.That(billing["planChanges"]!.AsArray().Select(c => (string?)c!["to"]), Is.EqualTo(new[] { "trial", "pro" }));
    }

    [Test]
    public async Task A_renewal_that_overtakes_an_older_past_due_keeps_the_paid_plan_and_a_period_end_cancel_keeps_it_until_the_end()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var t0 = Now;
        await SendStripeAsync(CheckoutCompleted(NewEventId(), t0, customer, "sub_O2", admin.OrganizationId, "advanced"));

        var renewed = await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.updated", t0 + 300, customer, "sub_O2", "active", AdvancedPrice, t0 + 5_000_000));
        var pastDue = await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.updated", t0 + 200, customer, "sub_O2", "past_due", AdvancedPrice));
        var cancelling = await SendStripeAsync(SubscriptionEvent(
            NewEventId(), "customer.subscription.updated", t0 + 400, customer, "sub_O2", "active", AdvancedPrice, t0 + 5_000_000, cancelAtPeriodEnd: true));

        Assert.That((renewed, pastDue, cancelling), Is.EqualTo(("applied", "stale", "applied")));
        var billing = await BillingAsync(admin.AccessToken);
        Assert.That((string?)billing["plan"], Is.EqualTo("advanced"), "cancelled at period end: paid until then");
        var subscription = billing["subscription"]!;
        Assert.That(((string?)subscription["status"], (bool)subscription["cancelAtPeriodEnd"]!), Is.EqualTo(("active", true)));
        Assert.That((DateTime?)subscription["currentPeriodEnd"], Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(t0 + 5_000_000).UtcDateTime));

        var ended = await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.deleted", t0 + 5_000_000, customer, "sub_O2", "canceled", AdvancedPrice));

        Assert.That(ended, Is.EqualTo("applied"));
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("trial"), "back to Trial when the period ends");
    }

    [Test]
    public async Task A_downgrade_keeps_over_cap_projects_but_refuses_a_new_one_with_the_upgrade_url()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        await SendStripeAsync(CheckoutCompleted(NewEventId(), Now, customer, "sub_D1", admin.OrganizationId));
        for (var i = 1; i <= 3; i++)
        {
            var created = await PostAsync("/api/v1/projects", new { name = $"Project {i}", type = "outreach" }, admin.AccessToken);
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.deleted", Now + 10, customer, "sub_D1", "canceled"));

        var projects = await JsonAsync(await GetAsync("/api/v1/projects", admin.AccessToken));
        Assert.That((int)projects["total"]!, Is.EqualTo(3), "nothing is deleted");
        var refused = await AssertProblemAsync(
            await PostAsync("/api/v1/projects", new { name = "Project 4", type = "outreach" }, admin.AccessToken), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        Assert.That(((string?)refused["meter"], (long?)refused["used"], (long?)refused["limit"]), Is.EqualTo(("projects", (long?)3, (long?)1)));
        Assert.That((string?)refused["message"], Does.Contain("trial plan (3/1). Upgrade to continue."));
        Assert.That((string?)refused["upgradeUrl"], Is.EqualTo(BillingPage));
        var meter = (await BillingAsync(admin.AccessToken))["meters"]!.AsArray().Single(m => (string?)m!["meter"] == "projects")!;
        Assert.That(((long)meter["used"]!, (long?)meter["remaining"]), Is.EqualTo((3L, (long?)0)));
    }

    [Test]
    public async Task An_event_reaches_only_the_organization_holding_its_customer_never_one_named_in_metadata()
    {
        var a = await SignUpAsync();
        var b = await SignUpAsync();
        var customerA = await StripeCustomerAsync(a.AccessToken);
        var customerB = await StripeCustomerAsync(b.AccessToken);

        // A's customer with B's organization id in the metadata, and an unknown customer naming B: neither moves anyone.
        var forged = await SendStripeAsync(CheckoutCompleted(NewEventId(), Now, customerA, "sub_I1", b.OrganizationId));
        var stranger = await SendStripeAsync(CheckoutCompleted(NewEventId(), Now, "cus_unknown", "sub_I2", b.OrganizationId));
        var mixed = await SendStripeAsync(SubscriptionEvent(NewEventId(), "customer.subscription.updated", Now, customerB, "sub_I3", "active", organizationId: a.OrganizationId));

        Assert.That((forged, stranger, mixed), Is.EqualTo(("unmatched", "unmatched", "unmatched")));
        Assert.That((await PlanAsync(a.AccessToken), await PlanAsync(b.AccessToken)), Is.EqualTo(("trial", "trial")));

        var real = await SendStripeAsync(CheckoutCompleted(NewEventId(), Now, customerA, "sub_I4", a.OrganizationId));

        Assert.That(real, Is.EqualTo("applied"));
        Assert.That((await PlanAsync(a.AccessToken), await PlanAsync(b.AccessToken)), Is.EqualTo(("pro", "trial")));
        Assert.That((await BillingAsync(b.AccessToken))["planChanges"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Razorpay_activation_moves_the_plan_a_replay_by_event_id_does_not_and_halted_returns_to_trial()
    {
        var admin = await SignUpAsync();
        var subscription = await RazorpaySubscriptionAsync(admin.AccessToken, "advanced");
        var activated = RazorpayEvent("subscription.activated", Now, subscription, "active", RazorpayAdvancedPlan, admin.OrganizationId, Now + 2_600_000);
        const string eventId = "evt_rzp_activation_1";

        var first = await SendRazorpayAsync(activated, eventId);
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("advanced"));
        await Seed.PlanAsync(Factory, admin.OrganizationId, CXGear.Domain.Organizations.PlanId.Pro);
        var replay = await SendRazorpayAsync(activated, eventId);

        Assert.That((first, replay), Is.EqualTo(("applied", "duplicate")));
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("pro"), "the replay moved nothing");

        var halted = await SendRazorpayAsync(RazorpayEvent("subscription.halted", Now + 100, subscription, "halted", RazorpayAdvancedPlan, admin.OrganizationId));

        Assert.That(halted, Is.EqualTo("applied"));
        var billing = await BillingAsync(admin.AccessToken);
        Assert.That((string?)billing["plan"], Is.EqualTo("trial"));
        Assert.That((string?)billing["planChanges"]![0]!["provider"], Is.EqualTo("razorpay"));
    }

    [Test]
    public async Task A_razorpay_event_with_a_wrong_signature_is_400_and_one_for_another_organizations_subscription_moves_nothing()
    {
        var a = await SignUpAsync();
        var b = await SignUpAsync();
        var subscriptionA = await RazorpaySubscriptionAsync(a.AccessToken);
        var body = RazorpayEvent("subscription.activated", Now, subscriptionA, "active");

        await AssertProblemAsync(await PostRazorpayAsync(body, RazorpaySignatureOf(body, "wrong-secret"), "evt_x1"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await PostRazorpayAsync(body, null, "evt_x2"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var forged = await SendRazorpayAsync(RazorpayEvent("subscription.activated", Now, subscriptionA, "active", organizationId: b.OrganizationId));

        Assert.That(forged, Is.EqualTo("unmatched"));
        Assert.That((await PlanAsync(a.AccessToken), await PlanAsync(b.AccessToken)), Is.EqualTo(("trial", "trial")));
    }

    [Test]
    public async Task A_body_over_the_routes_256_KB_is_413_saying_so_and_moves_nothing()
    {
        var admin = await SignUpAsync();
        var subscription = await RazorpaySubscriptionAsync(admin.AccessToken);
        var body = RazorpayEvent("subscription.activated", Now, subscription, "active")[..^1]
            + ",\"pad\":\"" + new string('x', CXGear.Api.Controllers.BillingWebhookController.MaxBodyBytes) + "\"}";

        var response = await PostRazorpayAsync(body, RazorpaySignatureOf(body), "evt_big");

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.That((string?)problem["message"], Does.Contain("256 KB"));
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("trial"));
    }

    [Test]
    public async Task Events_we_do_not_act_on_are_acknowledged_and_kept_as_ignored()
    {
        var admin = await SignUpAsync();
        var customer = await StripeCustomerAsync(admin.AccessToken);
        var invoice = new JsonObject
        {
            ["id"] = NewEventId(), ["object"] = "event", ["type"] = "invoice.paid", ["created"] = Now,
            ["data"] = new JsonObject { ["object"] = new JsonObject { ["id"] = "in_1", ["object"] = "invoice", ["customer"] = customer } },
        }.ToJsonString();

        Assert.That(await SendStripeAsync(invoice), Is.EqualTo("ignored"));
        Assert.That(await PlanAsync(admin.AccessToken), Is.EqualTo("trial"));
    }

    private async Task<List<(string Type, string Data)>> AuditAsync(string organizationId)
    {
        var id = Guid.Parse(organizationId);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CXGear.Application.Common.Abstractions.IApplicationDbContext>();
        var events = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == id).Select(e => new { e.Type, e.Data }).ToListAsync();
        return events.Select(e => (e.Type, e.Data)).ToList();
    }
}
