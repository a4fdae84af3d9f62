using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Billing.Common;

public static class BillingAccounts
{
    /// <summary>The caller's organization's account, opened (and added) on first use.</summary>
    public static async Task<BillingAccount> OpenAsync(IApplicationDbContext db, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var account = await db.BillingAccounts.FirstOrDefaultAsync(a => a.OrganizationId == organizationId, cancellationToken);
        if (account is null)
        {
            account = BillingAccount.Open(organizationId, now);
            db.BillingAccounts.Add(account);
        }

        return account;
    }
}
