using CXGear.Domain.Integrations;
using CXGear.Domain.Organizations;
using CXGear.Domain.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class AiProviderSettingConfiguration : IEntityTypeConfiguration<AiProviderSetting>
{
    public void Configure(EntityTypeBuilder<AiProviderSetting> builder)
    {
        builder.ToTable("AiProviderSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Provider).HasMaxLength(32).IsRequired();
        builder.Property(s => s.ApiKeyVaultLabel).HasMaxLength(VaultLabel.MaxLength).IsRequired();
        builder.Property(s => s.DefaultModel).HasMaxLength(AiProviderSetting.MaxModelLength).IsRequired();
        builder.Property(s => s.BaseUrl).HasMaxLength(AiProviderSetting.MaxBaseUrlLength);
        builder.HasIndex(s => new { s.OrganizationId, s.Provider }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
