using CXGear.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.DeviceLabel).HasMaxLength(Session.MaxDeviceLabelLength).IsRequired();
        builder.Property(s => s.IpAddress).HasMaxLength(Session.MaxIpAddressLength).IsRequired();
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(30);
        builder.Ignore(s => s.ExpiresAt);

        // At most one open session per user, enforced by the database so that concurrent logins cannot both win.
        builder.HasIndex(s => s.UserId).IsUnique().HasFilter("EndReason IS NULL").HasDatabaseName("UX_Sessions_OpenPerUser");
        builder.HasIndex(s => new { s.UserId, s.StartedAt });
        builder.HasIndex(s => s.OrganizationId);
        builder.HasOne<Domain.Users.User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
