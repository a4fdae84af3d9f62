using CXGear.Domain.ApiKeys;
using CXGear.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength).IsRequired();

        // The lookup prefix is how every request finds its key: unique, indexed, never the secret itself.
        builder.Property(k => k.Prefix).HasMaxLength(20).IsRequired();
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(32).IsFixedLength().IsRequired();
        // Concurrency tokens: two revocations/rotations of one key cannot both commit (see ApiKeyChanges).
        builder.Property(k => k.RevokedAt).IsConcurrencyToken();
        builder.Property(k => k.ReplacedByKeyId).IsConcurrencyToken();
        builder.Property(k => k.RevokedReason).HasMaxLength(ApiKey.MaxReasonLength);
        builder.Property(k => k.LastUsedIp).HasMaxLength(45);
        builder.Property(k => k.Scopes)
            .HasField("_scopes")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(
                v => string.Join(' ', v),
                v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                    v => v.ToList()))
            .HasMaxLength(100)
            .IsRequired();
        builder.HasIndex(k => new { k.OrganizationId, k.CreatedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
