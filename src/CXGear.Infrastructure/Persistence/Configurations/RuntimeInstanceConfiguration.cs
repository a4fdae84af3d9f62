using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class RuntimeInstanceConfiguration : IEntityTypeConfiguration<RuntimeInstance>
{
    public void Configure(EntityTypeBuilder<RuntimeInstance> builder)
    {
        builder.ToTable("RuntimeInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(RuntimeInstance.MaxIdLength).ValueGeneratedNever();

        // The prune deletes by age.
        builder.HasIndex(i => i.LastSeenAt);
    }
}
