using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class AiTokenUsageConfiguration : IEntityTypeConfiguration<AiTokenUsage>
{
    public void Configure(EntityTypeBuilder<AiTokenUsage> builder)
    {
        builder.ToTable("AiTokenUsage");
        builder.HasKey(u => new { u.OrganizationId, u.Period });
        builder.Property(u => u.Period).HasMaxLength(7);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
