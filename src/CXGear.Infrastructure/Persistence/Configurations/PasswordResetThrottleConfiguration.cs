using CXGear.Domain.Auth;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class PasswordResetThrottleConfiguration : IEntityTypeConfiguration<PasswordResetThrottle>
{
    public void Configure(EntityTypeBuilder<PasswordResetThrottle> builder)
    {
        builder.ToTable("PasswordResetThrottles");
        builder.HasKey(t => t.UserId);
        builder.Property(t => t.UserId).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
