using CXGear.Application.Billing.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Billing.Commands.StartCheckout;

/// <summary>
/// <c>POST /billing/checkout</c>: the provider's hosted page where the organization pays for Pro or Advanced. The plan
/// changes only when the provider's webhook says the payment went through; no card data passes through this API.
/// </summary>
/// <remarks>
/// Staged (<see cref="IStagedCommand"/>): the provider calls run before the write turn; the Stripe customer or the
/// Razorpay subscription they created is saved afterwards (a checkout racing another on the same account loses with 409).
/// </remarks>
public sealed record StartCheckoutCommand(string? Plan) : ICommand<CheckoutStart>, IRequirePermission, IStagedCommand
{
    public string Permission => Permissions.BillingRead;
}

/// <summary>Send the browser to <c>url</c>; <c>provider</c> is <c>stripe</c> or <c>razorpay</c>.</summary>
public sealed record CheckoutStart(string Provider, string Url);

public sealed partial class StartCheckoutHandler(
    IApplicationDbContext db,
    ICurrentPrincipal principal,
    IStripeBilling stripe,
    IRazorpayBilling razorpay,
    IOptions<StripeBillingOptions> stripeOptions,
    IOptions<RazorpayBillingOptions> razorpayOptions,
    IWebAppLinks links,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<StartCheckoutHandler> logger) : ICommandHandler<StartCheckoutCommand, CheckoutStart>
{
    public async ValueTask<CheckoutStart> Handle(StartCheckoutCommand command, CancellationToken cancellationToken)
    {
        if (!PlanIds.TryParse(command.Plan, out var plan))
        {
            throw new InvalidOperationException("The validator lets only self-serve plans through.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organizationId = principal.OrganizationId!.Value;
        var account = await BillingAccounts.OpenAsync(db, organizationId, now, cancellationToken);
        if (account.HasLiveSubscription)
        {
            throw new CXGearException(
                ErrorCodes.Conflict,
                $"The organization already has a {account.Provider} subscription ({account.SubscribedPlan?.Id()}); change or cancel it from POST /billing/portal.");
        }

        var provider = account.CheckoutProvider;
        try
        {
            var url = provider == BillingProviders.Razorpay
                ? await RazorpayAsync(account, plan, now, cancellationToken)
                : await StripeAsync(account, plan, now, cancellationToken);
            audit.Record(AuditEventTypes.CheckoutStarted, new { provider, plan = plan.Id() });
            return new CheckoutStart(provider, url);
        }
        catch (BillingProviderException error)
        {
            ProviderRefused(logger, error.Provider, error.Status);
            throw BillingErrors.ProviderFailed(error);
        }
    }

    private async Task<string> StripeAsync(BillingAccount account, PlanId plan, DateTime now, CancellationToken cancellationToken)
    {
        var settings = stripeOptions.Value;
        if (!settings.IsConfigured || settings.Prices.For(plan) is not { Length: > 0 } price)
        {
            throw BillingErrors.NotConfigured(BillingProviders.Stripe, StripeBillingOptions.Section);
        }

        if (account.StripeCustomerId is null)
        {
            var name = await db.Organizations.Where(o => o.Id == account.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            account.AttachStripeCustomer(await stripe.CreateCustomerAsync(account.OrganizationId, name, account.BillingEmail, cancellationToken), now);
        }

        // A session opened earlier (another tab, an abandoned try) must not stay payable beside the new one, or two
        // payments would make two subscriptions; one already paid means its subscription is on its way.
        if (account.OpenStripeCheckoutId is { } earlier && !await stripe.CloseCheckoutAsync(earlier, cancellationToken))
        {
            throw new CXGearException(
                ErrorCodes.Conflict,
                "An earlier checkout of this organization was just paid; the plan changes as soon as Stripe confirms it.");
        }

        var checkout = await stripe.CreateCheckoutAsync(
            new StripeCheckoutRequest(account.StripeCustomerId!, price, account.OrganizationId, plan.Id(), links.Billing("success"), links.Billing("cancelled")),
            cancellationToken);
        account.StartStripeCheckout(checkout.Id, now);
        return checkout.Url;
    }

    private async Task<string> RazorpayAsync(BillingAccount account, PlanId plan, DateTime now, CancellationToken cancellationToken)
    {
        var settings = razorpayOptions.Value;
        if (!settings.IsConfigured || settings.Plans.For(plan) is not { Length: > 0 } razorpayPlan)
        {
            throw BillingErrors.NotConfigured(BillingProviders.Razorpay, RazorpayBillingOptions.Section);
        }

        // The unpaid subscription of an earlier checkout for this plan: its page is still the one to pay.
        if (account.HasPendingRazorpay(plan))
        {
            return account.ManageUrl!;
        }

        // One for another plan is cancelled first: its link must not be payable once no event of it can reach us.
        if (account is { Provider: BillingProviders.Razorpay, Phase: SubscriptionPhase.Pending, SubscriptionId: { } replaced })
        {
            await razorpay.CancelSubscriptionAsync(replaced, cancellationToken);
        }

        var subscription = await razorpay.CreateSubscriptionAsync(razorpayPlan, account.OrganizationId, plan.Id(), cancellationToken);
        account.StartRazorpaySubscription(subscription.Id, plan, subscription.ShortUrl, now);
        return subscription.ShortUrl;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout refused by {Provider}: status {Status}")]
    private static partial void ProviderRefused(ILogger logger, string provider, int? status);
}
