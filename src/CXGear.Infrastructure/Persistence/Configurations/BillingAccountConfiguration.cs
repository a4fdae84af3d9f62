using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class BillingAccountConfiguration : IEntityTypeConfiguration<BillingAccount>
{
    public void Configure(EntityTypeBuilder<BillingAccount> builder)
    {
        builder.ToTable("BillingAccounts");
        builder.HasKey(a => a.OrganizationId);
        builder.Property(a => a.Country).HasMaxLength(2);
        builder.Property(a => a.BillingEmail).HasMaxLength(BillingAccount.MaxEmailLength);
        builder.Property(a => a.StripeCustomerId).HasMaxLength(BillingAccount.MaxProviderIdLength);
        builder.Property(a => a.OpenStripeCheckoutId).HasMaxLength(BillingAccount.MaxProviderIdLength);
        builder.Property(a => a.Provider).HasMaxLength(16);
        builder.Property(a => a.SubscriptionId).HasMaxLength(BillingAccount.MaxProviderIdLength);
        builder.Property(a => a.SubscribedPlan).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Phase).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Status).HasMaxLength(BillingAccount.MaxStatusLength);
        builder.Property(a => a.ManageUrl).HasMaxLength(BillingAccount.MaxUrlLength);
        builder.Ignore(a => a.CheckoutProvider);
        builder.Ignore(a => a.HasLiveSubscription);

        // Two webhooks (or a webhook and a checkout) staged on one account at once: the second save is 409, the provider retries.
        builder.Property(a => a.Version).IsConcurrencyToken();

        // Across organizations: a webhook names a customer or a subscription, which must reach exactly one account.
        builder.HasIndex(a => a.StripeCustomerId).IsUnique();
        builder.HasIndex(a => new { a.Provider, a.SubscriptionId }).IsUnique();
        builder.HasOne<Organization>().WithOne().HasForeignKey<BillingAccount>(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BillingEventReceiptConfiguration : IEntityTypeConfiguration<BillingEventReceipt>
{
    public void Configure(EntityTypeBuilder<BillingEventReceipt> builder)
    {
        builder.ToTable("BillingEventReceipts");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Provider).HasMaxLength(16).IsRequired();
        builder.Property(r => r.EventId).HasMaxLength(BillingEventReceipt.MaxEventIdLength).IsRequired();
        builder.Property(r => r.Type).HasMaxLength(BillingEventReceipt.MaxTypeLength).IsRequired();
        builder.Property(r => r.Outcome).HasMaxLength(BillingEventReceipt.MaxOutcomeLength).IsRequired();

        // Each event is taken once: a redelivery finds its row, two racing deliveries meet here.
        builder.HasIndex(r => new { r.Provider, r.EventId }).IsUnique();
        builder.HasIndex(r => r.OrganizationId);
    }
}
