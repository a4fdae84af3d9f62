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

internal sealed class ChannelMessageConfiguration : IEntityTypeConfiguration<ChannelMessage>
{
    public void Configure(EntityTypeBuilder<ChannelMessage> builder)
    {
        builder.ToTable("ChannelMessages");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(ChannelMessage.MaxProviderMessageIdLength).IsRequired();
        builder.Property(m => m.From).HasMaxLength(ChannelMessage.MaxAddressLength).IsRequired();
        builder.Property(m => m.To).HasMaxLength(ChannelMessage.MaxAddressLength).IsRequired();
        builder.Property(m => m.Type).HasMaxLength(ChannelMessage.MaxTypeLength).IsRequired();
        builder.Property(m => m.TemplateName).HasMaxLength(ChannelMessage.MaxTemplateNameLength);
        builder.Property(m => m.Text).HasMaxLength(ChannelMessage.MaxTextLength);
        builder.Property(m => m.Error).HasMaxLength(ChannelMessage.MaxErrorLength);
        builder.Property(m => m.StepId).HasMaxLength(ChannelMessage.MaxStepIdLength);

        // Two appliers moving one message at once: the second's UPDATE finds the status changed and retries later,
        // so a status is applied (and journaled) once.
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();

        // A redelivered event finds its message by (channel, wamid); the list reads a channel's newest first.
        builder.HasIndex(m => new { m.ChannelId, m.ProviderMessageId }).IsUnique();
        builder.HasIndex(m => new { m.ChannelId, m.CreatedAt });
        builder.HasOne<Channel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChannelWebhookDeliveryConfiguration : IEntityTypeConfiguration<ChannelWebhookDelivery>
{
    public void Configure(EntityTypeBuilder<ChannelWebhookDelivery> builder)
    {
        builder.ToTable("ChannelWebhookDeliveries");

        // An identity: arrival order. Time-ordered ids would tie within a millisecond, and the order of a number's
        // statuses decides which of them move a message.
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.Kind).HasMaxLength(16).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.Outcome).HasMaxLength(ChannelWebhookDelivery.MaxOutcomeLength);

        // Every apply counts an attempt: of two instances applying one delivery, the second's save finds it changed.
        builder.Property(d => d.Attempts).IsConcurrencyToken();

        // The applier's scan: not processed, due; and the purge of old processed ones.
        builder.HasIndex(d => new { d.ProcessedAt, d.NextAttemptAt });
    }
}
