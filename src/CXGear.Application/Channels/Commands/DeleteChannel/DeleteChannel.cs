using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Channels.Commands.DeleteChannel;

/// <summary>
/// <c>DELETE /channels/{id}</c>: the row goes, and with it the encrypted token and the channel's messages; the save
/// gives its Channels unit back. Spinners that still name the channel fail those records with CHANNEL_UNAVAILABLE.
/// </summary>
public sealed record DeleteChannelCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

public sealed class DeleteChannelHandler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<DeleteChannelCommand>
{
    public async ValueTask<Unit> Handle(DeleteChannelCommand command, CancellationToken cancellationToken)
    {
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken) ?? throw ChannelErrors.NotFound(command.Id);
        db.Channels.Remove(channel);
        audit.Record(AuditEventTypes.ChannelDeleted, new { channelId = channel.Id, kind = channel.Kind, phoneNumber = channel.PhoneNumber, phoneNumberId = channel.PhoneNumberId });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
