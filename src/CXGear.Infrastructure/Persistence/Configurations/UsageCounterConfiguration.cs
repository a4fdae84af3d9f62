using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

/// <summary>Table and column names are also written by hand in <c>UsageMeters</c>' insert; keep them in step.</summary>
internal sealed class UsageCounterConfiguration : IEntityTypeConfiguration<UsageCounter>
{
    public void Configure(EntityTypeBuilder<UsageCounter> builder)
    {
        builder.ToTable("UsageCounters", t => t.HasCheckConstraint("CK_UsageCounters_Used", "\"Used\" >= 0"));
        builder.HasKey(c => new { c.OrganizationId, c.Meter, c.Period });
        builder.Property(c => c.Meter).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Period).HasMaxLength(7);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
