using CXGear.Domain.Spinners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class SpinnerVersionConfiguration : IEntityTypeConfiguration<SpinnerVersion>
{
    public void Configure(EntityTypeBuilder<SpinnerVersion> builder)
    {
        builder.ToTable("SpinnerVersions");

        // The key is the number itself, so a second "version N" of one spinner cannot exist.
        builder.HasKey(v => new { v.SpinnerId, v.Version });
        builder.Property(v => v.Definition).IsRequired();
        builder.HasOne<Spinner>().WithMany().HasForeignKey(v => v.SpinnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
