using CXGear.Application.Billing.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Billing.Queries.GetBillingPlans;

/// <summary><c>GET /billing/plans</c>: every plan with its limits, what it costs at each provider set up here, and how it is bought.</summary>
public sealed record GetBillingPlansQuery : IQuery<BillingPlansDto>, IRequirePermission
{
    public string Permission => Permissions.BillingRead;
}

/// <summary>
/// <c>plan</c>: the organization's plan now; <c>provider</c>: the provider its checkout goes through (from its billing
/// country).
/// </summary>
public sealed record BillingPlansDto(string Plan, string Provider, IReadOnlyList<PlanOfferDto> Plans);

/// <summary>
/// <c>purchase</c>: <c>none</c> (Trial, where every organization starts), <c>checkout</c> (Pro, Advanced:
/// <c>POST /billing/checkout</c>) or <c>contact_us</c> (Enterprise, sold by sales). <c>checkoutAvailable</c>: this
/// organization's provider is set up for the plan here. Limits are null when unlimited.
/// </summary>
public sealed record PlanOfferDto(string Plan, string Purchase, bool CheckoutAvailable, IReadOnlyList<PlanPriceDto> Prices, IReadOnlyList<PlanLimitDto> Limits);

/// <summary>A monthly price at one provider; <c>amount</c> in the currency's major unit, null when not configured for display.</summary>
public sealed record PlanPriceDto(string Provider, string Currency, decimal? Amount, string Interval);

public sealed record PlanLimitDto(string Meter, long? Limit);

public sealed class GetBillingPlansHandler(
    IApplicationDbContext db, PlanCatalog catalog, IOptions<StripeBillingOptions> stripeOptions, IOptions<RazorpayBillingOptions> razorpayOptions)
    : IQueryHandler<GetBillingPlansQuery, BillingPlansDto>
{
    public const string Monthly = "month";

    public async ValueTask<BillingPlansDto> Handle(GetBillingPlansQuery query, CancellationToken cancellationToken)
    {
        var plan = await db.Organizations.AsNoTracking().Select(o => o.Plan).FirstAsync(cancellationToken);
        var country = await db.BillingAccounts.AsNoTracking().Select(a => a.Country).FirstOrDefaultAsync(cancellationToken);
        var provider = BillingProviders.ForCountry(country);
        var offers = Enum.GetValues<PlanId>().Select(p =>
        {
            var prices = Prices(p);
            var purchase = p switch
            {
                PlanId.Trial => "none",
                PlanId.Enterprise => "contact_us",
                _ => "checkout",
            };
            var limits = Meters.All.Select(m => new PlanLimitDto(m.Key(), catalog.LimitFor(p, m))).ToList();
            return new PlanOfferDto(p.Id(), purchase, prices.Any(x => x.Provider == provider), prices, limits);
        }).ToList();
        return new BillingPlansDto(plan.Id(), provider, offers);
    }

    private List<PlanPriceDto> Prices(PlanId plan)
    {
        var prices = new List<PlanPriceDto>();
        var stripe = stripeOptions.Value;
        if (stripe.IsConfigured && !string.IsNullOrEmpty(stripe.Prices.For(plan)))
        {
            prices.Add(new PlanPriceDto(BillingProviders.Stripe, StripeBillingOptions.Currency, stripe.Amounts.For(plan), Monthly));
        }

        var razorpay = razorpayOptions.Value;
        if (razorpay.IsConfigured && !string.IsNullOrEmpty(razorpay.Plans.For(plan)))
        {
            prices.Add(new PlanPriceDto(BillingProviders.Razorpay, RazorpayBillingOptions.Currency, razorpay.Amounts.For(plan), Monthly));
        }

        return prices;
    }
}
