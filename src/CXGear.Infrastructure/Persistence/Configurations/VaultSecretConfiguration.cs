using CXGear.Domain.Organizations;
using CXGear.Domain.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class VaultSecretConfiguration : IEntityTypeConfiguration<VaultSecret>
{
    public void Configure(EntityTypeBuilder<VaultSecret> builder)
    {
        builder.ToTable("VaultSecrets");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Label).HasMaxLength(VaultLabel.MaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(VaultSecret.MaxDescriptionLength);

        // Data Protection output is base64url of the encrypted bytes plus its header: about 4/3 of 8 KB plus overhead.
        builder.Property(s => s.ProtectedValue).IsRequired();
        builder.Property(s => s.PreviewTail).HasMaxLength(4).IsRequired();
        builder.Ignore(s => s.ValuePreview);
        builder.HasIndex(s => new { s.OrganizationId, s.Label }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
