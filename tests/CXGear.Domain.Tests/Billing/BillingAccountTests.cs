using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;

namespace CXGear.Domain.Tests.Billing;

public sealed class BillingAccountTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static SubscriptionUpdate Update(string subscription, SubscriptionPhase phase, PlanId? plan, int seconds, string provider = BillingProviders.Stripe) =>
        new(provider, subscription, phase, phase.ToString().ToLowerInvariant(), plan, null, false, T0.AddSeconds(seconds));

    [Test]
    public void An_active_subscription_sets_the_paid_plan_and_an_ended_one_returns_to_trial()
    {
        var account = BillingAccount.Open(Guid.NewGuid(), T0);

        Assert.That(account.Apply(Update("sub_1", SubscriptionPhase.Active, PlanId.Advanced, 1), T0), Is.EqualTo((SubscriptionOutcome.Applied, (PlanId?)PlanId.Advanced)));
        Assert.That(account.HasLiveSubscription, Is.True);
        Assert.That(account.Apply(Update("sub_1", SubscriptionPhase.Grace, null, 2), T0), Is.EqualTo((SubscriptionOutcome.Applied, (PlanId?)null)), "retrying: the plan stays");
        Assert.That(account.SubscribedPlan, Is.EqualTo(PlanId.Advanced), "a state without a plan keeps the subscription's");
        Assert.That(account.Apply(Update("sub_1", SubscriptionPhase.Ended, null, 3), T0), Is.EqualTo((SubscriptionOutcome.Applied, (PlanId?)PlanId.Trial)));
        Assert.That(account.HasLiveSubscription, Is.False);
    }

    [Test]
    public void A_paid_subscription_leaves_no_checkout_to_close_and_a_pending_state_keeps_it()
    {
        var account = BillingAccount.Open(Guid.NewGuid(), T0);
        account.StartStripeCheckout("cs_1", T0);

        account.Apply(Update("sub_1", SubscriptionPhase.Pending, PlanId.Pro, 1), T0);
        Assert.That(account.OpenStripeCheckoutId, Is.EqualTo("cs_1"), "not paid yet: the session may still be open");

        account.Apply(Update("sub_1", SubscriptionPhase.Active, PlanId.Pro, 2), T0);
        Assert.That(account.OpenStripeCheckoutId, Is.Null);
    }

    [Test]
    public void A_state_older_than_the_one_on_file_changes_nothing()
    {
        var account = BillingAccount.Open(Guid.NewGuid(), T0);
        account.Apply(Update("sub_1", SubscriptionPhase.Ended, PlanId.Pro, 10), T0);
        var version = account.Version;

        var outcome = account.Apply(Update("sub_1", SubscriptionPhase.Active, PlanId.Pro, 5), T0);

        Assert.That(outcome, Is.EqualTo((SubscriptionOutcome.Stale, (PlanId?)null)));
        Assert.That((account.Phase, account.Version), Is.EqualTo(((SubscriptionPhase?)SubscriptionPhase.Ended, version)));
    }

    [Test]
    public void Another_subscription_replaces_the_current_one_only_when_it_is_paid()
    {
        var account = BillingAccount.Open(Guid.NewGuid(), T0);
        account.Apply(Update("sub_new", SubscriptionPhase.Active, PlanId.Pro, 10), T0);

        Assert.That(account.Apply(Update("sub_old", SubscriptionPhase.Ended, null, 20), T0).Outcome, Is.EqualTo(SubscriptionOutcome.OtherSubscription));
        Assert.That(account.SubscriptionId, Is.EqualTo("sub_new"));
        Assert.That(account.Apply(Update("sub_newer", SubscriptionPhase.Active, PlanId.Advanced, 30), T0), Is.EqualTo((SubscriptionOutcome.Applied, (PlanId?)PlanId.Advanced)));
    }

    [Test]
    public void An_active_subscription_on_a_price_we_do_not_sell_moves_no_plan()
    {
        var account = BillingAccount.Open(Guid.NewGuid(), T0);

        Assert.That(account.Apply(Update("sub_1", SubscriptionPhase.Active, null, 1), T0).Outcome, Is.EqualTo(SubscriptionOutcome.UnknownPlan));
        Assert.That(account.Apply(Update("sub_1", SubscriptionPhase.Active, PlanId.Enterprise, 2), T0).Outcome, Is.EqualTo(SubscriptionOutcome.UnknownPlan));
        Assert.That(account.SubscriptionId, Is.Null);
    }

    [Test]
    public void The_country_picks_the_provider_and_must_be_an_iso_code()
    {
        var account = BillingAccount.Open(Guid.NewGuid(), T0);
        Assert.That(account.CheckoutProvider, Is.EqualTo(BillingProviders.Stripe), "none on file: international");

        account.UpdateProfile(" in ", " ap@acme.test ", T0);

        Assert.That((account.Country, account.BillingEmail, account.CheckoutProvider), Is.EqualTo(("IN", "ap@acme.test", BillingProviders.Razorpay)));
        var error = Assert.Throws<CXGearException>(() => account.UpdateProfile("XX", null, T0));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Countries.Normalize("gb"), Is.EqualTo("GB"));
        Assert.That(Countries.Normalize("UK"), Is.Null, "UK is not an ISO 3166-1 code");
    }
}
