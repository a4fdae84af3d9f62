using CXGear.Application.Billing.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;

namespace CXGear.Application.Billing.Commands.UpdateBillingProfile;

/// <summary>
/// <c>PUT /billing/profile</c>: where the organization pays from. The country picks the checkout's provider (India:
/// Razorpay, elsewhere Stripe); the billing email goes on the Stripe customer when it is created.
/// </summary>
public sealed record UpdateBillingProfileCommand(string? Country, string? BillingEmail) : ICommand<BillingProfileDto>, IRequirePermission
{
    public string Permission => Permissions.BillingRead;
}

public sealed class UpdateBillingProfileHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateBillingProfileCommand, BillingProfileDto>
{
    public async ValueTask<BillingProfileDto> Handle(UpdateBillingProfileCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var account = await BillingAccounts.OpenAsync(db, principal.OrganizationId!.Value, now, cancellationToken);
        account.UpdateProfile(command.Country, command.BillingEmail, now);
        audit.Record(AuditEventTypes.BillingProfileChanged, new { country = account.Country, provider = account.CheckoutProvider });
        await db.SaveChangesAsync(cancellationToken);
        return new BillingProfileDto(account.Country, account.BillingEmail, account.CheckoutProvider);
    }
}
