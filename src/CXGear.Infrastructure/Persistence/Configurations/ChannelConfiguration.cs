using CXGear.Domain.Channels;
using CXGear.Domain.Organizations;
using CXGear.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CXGear.Infrastructure.Persistence.Configurations;

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> builder)
    {
        builder.ToTable("Channels");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasMaxLength(16).IsRequired();
        builder.Property(c => c.DisplayName).HasMaxLength(Channel.MaxDisplayNameLength).IsRequired();
        builder.Property(c => c.PhoneNumber).HasMaxLength(Channel.MaxPhoneNumberLength).IsRequired();
        builder.Property(c => c.PhoneNumberId).HasMaxLength(Channel.MaxProviderIdLength).IsRequired();
        builder.Property(c => c.WabaId).HasMaxLength(Channel.MaxProviderIdLength).IsRequired();
        builder.Property(c => c.ProtectedToken).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);

        // Across organizations: a webhook event names a phone number id and must reach exactly one owner.
        builder.HasIndex(c => c.PhoneNumberId).IsUnique();
        builder.HasIndex(c => c.OrganizationId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelConnectStateConfiguration : IEntityTypeConfiguration<ChannelConnectState>
{
    public void Configure(EntityTypeBuilder<ChannelConnectState> builder)
    {
        builder.ToTable("ChannelConnectStates");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.StateHash).HasMaxLength(64).IsRequired();
        builder.Property(s => s.RedirectUri).HasMaxLength(ChannelConnectState.MaxRedirectUriLength).IsRequired();
        builder.HasIndex(s => s.StateHash).IsUnique();
        builder.HasIndex(s => s.OrganizationId);

        // The state goes with the user who asked (and so with the organization, through its users).
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
