using CXGear.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder) =>
        // Identity's own email index is not unique; the contract makes an email unique across the service.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("UX_AspNetUsers_NormalizedEmail");
}
