using CXGear.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(Organization.MaxNameLength).IsRequired();
        builder.Property(o => o.Plan).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.SuspensionReason).HasMaxLength(Organization.MaxSuspensionReasonLength);
        builder.Ignore(o => o.IsPlatform);
        builder.Ignore(o => o.IsSuspended);
        builder.Ignore(o => o.Status);
        builder.HasIndex(o => o.Name);

        // The operators' own account; fixed so every environment agrees on who is an operator.
        builder.HasData(new
        {
            Id = Organization.PlatformId,
            Name = Organization.PlatformName,
            Plan = PlanId.Enterprise,
            CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}
