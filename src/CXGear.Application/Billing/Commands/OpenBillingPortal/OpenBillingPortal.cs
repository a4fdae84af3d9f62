using CXGear.Application.Billing.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Billing.Commands.OpenBillingPortal;

/// <summary>
/// <c>POST /billing/portal</c>: where the organization manages what it pays for: Stripe's customer portal (a fresh
/// session each time), or the Razorpay subscription's own page. Staged, so the Stripe call never holds the write turn.
/// </summary>
public sealed record OpenBillingPortalCommand : ICommand<BillingPortalLink>, IRequirePermission, IStagedCommand
{
    public string Permission => Permissions.BillingRead;
}

public sealed record BillingPortalLink(string Url);

public sealed class OpenBillingPortalHandler(
    IApplicationDbContext db, IStripeBilling stripe, IOptions<StripeBillingOptions> stripeOptions, IWebAppLinks links)
    : ICommandHandler<OpenBillingPortalCommand, BillingPortalLink>
{
    public async ValueTask<BillingPortalLink> Handle(OpenBillingPortalCommand command, CancellationToken cancellationToken)
    {
        var account = await db.BillingAccounts.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (account is { Provider: BillingProviders.Razorpay, ManageUrl: { } page })
        {
            return new BillingPortalLink(page);
        }

        if (account?.StripeCustomerId is not { } customer)
        {
            throw new CXGearException(ErrorCodes.Conflict, "There is no subscription to manage yet; choose a plan with POST /billing/checkout first.");
        }

        if (!stripeOptions.Value.IsConfigured)
        {
            throw BillingErrors.NotConfigured(BillingProviders.Stripe, StripeBillingOptions.Section);
        }

        try
        {
            return new BillingPortalLink(await stripe.CreatePortalAsync(customer, links.Billing(), cancellationToken));
        }
        catch (BillingProviderException error)
        {
            throw BillingErrors.ProviderFailed(error);
        }
    }
}
