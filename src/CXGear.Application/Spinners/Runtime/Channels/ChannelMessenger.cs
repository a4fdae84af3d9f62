using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Vault.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Spinners.Runtime.Channels;

/// <summary>
/// Reads the channel and its token in a scope of its own (records of a job run concurrently and only the job's
/// coordinator may use the job's DbContext), decrypts the token for this one call, and sends through the Graph API.
/// The channel must belong to the record's organization now, whatever the definition said when it was saved.
/// </summary>
internal sealed partial class ChannelMessenger(IServiceScopeFactory scopes, ILogger<ChannelMessenger> logger) : IChannelMessenger
{
    public async Task<ChannelSendResult> SendTemplateAsync(
        Guid organizationId, Guid channelId, WhatsAppTemplateMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var channel = await db.Channels.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == channelId && c.OrganizationId == organizationId)
            .Select(c => new { c.PhoneNumberId, c.PhoneNumber, c.ProtectedToken })
            .FirstOrDefaultAsync(cancellationToken);
        if (channel is null)
        {
            return new ChannelSendResult(ChannelSendOutcome.Unavailable);
        }

        var token = scope.ServiceProvider.GetRequiredService<IVaultCipher>().TryUnprotect(organizationId, channel.ProtectedToken);
        if (token is null)
        {
            Undecryptable(logger, channelId, organizationId);
            return new ChannelSendResult(ChannelSendOutcome.Unavailable);
        }

        try
        {
            var id = await scope.ServiceProvider.GetRequiredService<IWhatsAppGraph>().SendTemplateAsync(channel.PhoneNumberId, token, message, cancellationToken);
            return new ChannelSendResult(ChannelSendOutcome.Sent, id, channel.PhoneNumber);
        }
        catch (WhatsAppGraphException error)
        {
            return new ChannelSendResult(ChannelSendOutcome.ProviderError, ProviderCode: error.ProviderCode, Status: error.Status, Error: error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The token of channel {ChannelId} of organization {OrganizationId} cannot be decrypted with this key ring")]
    private static partial void Undecryptable(ILogger logger, Guid channelId, Guid organizationId);
}
