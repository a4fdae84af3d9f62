using CXGear.Domain.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Scope).HasMaxLength(IdempotencyRecord.MaxScopeLength).IsUnicode(false).IsRequired();
        builder.Property(r => r.KeyHash).HasMaxLength(32).IsFixedLength().IsRequired();

        // The claim: of two concurrent inserts of one (scope, key), the database lets exactly one through.
        builder.HasIndex(r => new { r.Scope, r.KeyHash }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
        builder.Property(r => r.RequestHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.Property(r => r.ResponseContentType).HasMaxLength(200);
        builder.Ignore(r => r.IsCompleted);
    }
}
