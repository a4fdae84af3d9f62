using System.Text;
using CXGear.Application.Billing.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Billing.Commands.ReceiveBillingEvent;

/// <summary>
/// <c>POST /public/billing/{provider}/webhook</c>: a payment provider's event. Anonymous, because the signature over
/// the raw body is the credential: missing, wrong or (Stripe) older than five minutes, 400 and nothing changes.
/// Each event is taken once (its id is stored); a subscription state older than the one on file changes nothing;
/// the event reaches the organization holding its Stripe customer or Razorpay subscription, never one named only in
/// its metadata. A plan change is audited with the provider's event id.
/// </summary>
/// <remarks>
/// Staged: reading runs before the write turn. Two deliveries of one event racing each other meet the unique
/// (provider, event id) index, two events of one account its version: the loser is 409, and the provider's retry
/// then finds the event taken or the newer state on file.
/// </remarks>
public sealed record ReceiveBillingEventCommand(string Provider, ReadOnlyMemory<byte> Body, string? Signature, string? EventIdHeader)
    : ICommand<BillingEventTaken>, IAllowAnonymous, IStagedCommand
{
    /// <summary>Bodies carry customers' emails and addresses; a log line shows the size only.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider).Append(", Body = ").Append(Body.Length).Append(" bytes");
        return true;
    }
}

/// <summary>What became of the event: see <see cref="BillingEventOutcomes"/>; <c>duplicate</c> for a replay.</summary>
public sealed record BillingEventTaken(string Outcome);

public sealed partial class ReceiveBillingEventHandler(
    IApplicationDbContext db,
    IStripeBilling stripe,
    IOptions<StripeBillingOptions> stripeOptions,
    IOptions<RazorpayBillingOptions> razorpayOptions,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<ReceiveBillingEventHandler> logger) : ICommandHandler<ReceiveBillingEventCommand, BillingEventTaken>
{
    public const string Duplicate = "duplicate";

    public async ValueTask<BillingEventTaken> Handle(ReceiveBillingEventCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var billingEvent = Read(command, now);
        var replay = await db.BillingEventReceipts.AnyAsync(r => r.Provider == billingEvent.Provider && r.EventId == billingEvent.Id, cancellationToken);
        if (replay)
        {
            return new BillingEventTaken(Duplicate);
        }

        var account = await MatchAsync(billingEvent, cancellationToken);
        var outcome = account is null ? BillingEventOutcomes.Unmatched : BillingEventOutcomes.Ignored;
        if (account is not null && billingEvent.Update is { } update)
        {
            var (applied, plan) = account.Apply(update, now.UtcDateTime);
            outcome = BillingEventOutcomes.Of(applied);
            if (plan is { } target)
            {
                await ChangePlanAsync(account.OrganizationId, target, billingEvent, cancellationToken);
            }
        }

        if (outcome == BillingEventOutcomes.Unmatched)
        {
            Unmatched(logger, billingEvent.Provider, billingEvent.Id, billingEvent.Type);
        }

        db.BillingEventReceipts.Add(BillingEventReceipt.Take(
            billingEvent.Provider, billingEvent.Id, billingEvent.Type, account?.OrganizationId, outcome, billingEvent.OccurredAt, now.UtcDateTime));
        return new BillingEventTaken(outcome);
    }

    private BillingEvent Read(ReceiveBillingEventCommand command, DateTimeOffset now)
    {
        if (command.Provider == BillingProviders.Stripe)
        {
            const string header = "Stripe-Signature";
            var text = Encoding.UTF8.GetString(command.Body.Span);
            return stripe.IsSignedWebhook(text, command.Signature, now)
                ? StripeEvents.Read(text, stripeOptions.Value) ?? throw NotAnEvent()
                : throw BillingErrors.BadSignature(header);
        }

        return RazorpaySignature.IsValid(razorpayOptions.Value.WebhookSecret, command.Body.Span, command.Signature)
            ? RazorpayEvents.Read(command.Body.Span, command.EventIdHeader, razorpayOptions.Value) ?? throw NotAnEvent()
            : throw BillingErrors.BadSignature(RazorpaySignature.Header);
    }

    /// <summary>
    /// The account the event is about: by the Stripe customer, or by the Razorpay subscription we created. An
    /// organization id in the event's metadata or notes must agree with it; alone it matches nothing.
    /// </summary>
    private async Task<BillingAccount?> MatchAsync(BillingEvent billingEvent, CancellationToken cancellationToken)
    {
        var accounts = db.BillingAccounts.IgnoreQueryFilters();
        var account = billingEvent.Provider == BillingProviders.Stripe
            ? billingEvent.CustomerId is { } customer ? await accounts.FirstOrDefaultAsync(a => a.StripeCustomerId == customer, cancellationToken) : null
            : billingEvent.SubscriptionId is { } subscription
                ? await accounts.FirstOrDefaultAsync(a => a.Provider == BillingProviders.Razorpay && a.SubscriptionId == subscription, cancellationToken)
                : null;
        return account is not null && billingEvent.OrganizationHint is { } named && named != account.OrganizationId ? null : account;
    }

    /// <summary>
    /// The same domain move as an operator's plan change. An Enterprise organization (sold by contract, set by
    /// operators) is left alone by self-serve events.
    /// </summary>
    private async Task ChangePlanAsync(Guid organizationId, PlanId plan, BillingEvent billingEvent, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.IgnoreQueryFilters().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var from = organization.Plan;
        if (from == plan || from == PlanId.Enterprise)
        {
            return;
        }

        organization.ChangePlan(plan);
        audit.Record(
            AuditEventTypes.PlanChanged,
            new
            {
                from = from.Id(),
                to = plan.Id(),
                provider = billingEvent.Provider,
                providerEventId = billingEvent.Id,
                eventType = billingEvent.Type,
                subscriptionId = billingEvent.Update?.SubscriptionId,
            },
            organizationId);
    }

    private static Domain.Common.CXGearException NotAnEvent() =>
        new(Domain.Common.ErrorCodes.ValidationError, "The body is not a provider event.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} event {EventId} ({Type}) matched no organization")]
    private static partial void Unmatched(ILogger logger, string provider, string eventId, string type);
}
