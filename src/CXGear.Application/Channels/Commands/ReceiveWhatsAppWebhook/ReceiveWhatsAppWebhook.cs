using System.Text;
using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;
using Mediator;

namespace CXGear.Application.Channels.Commands.ReceiveWhatsAppWebhook;

/// <summary>
/// <c>POST /public/channels/whatsapp/webhook</c>: Meta's events. Anonymous, because the signature over the raw body
/// is the credential: missing or wrong, 401 and nothing is stored. A signed body is only stored; the applier
/// (<see cref="Webhooks.ChannelWebhookApplier"/>) reads it afterwards, so Meta gets its 200 at once.
/// </summary>
/// <remarks>Staged: the HMAC over up to 3 MB runs before the write turn, which is held only for the insert.</remarks>
public sealed record ReceiveWhatsAppWebhookCommand(ReadOnlyMemory<byte> Body, string? Signature) : ICommand, IAllowAnonymous, IStagedCommand
{
    /// <summary>Bodies carry customers' messages and phone numbers; a log line shows the size only.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Body = ").Append(Body.Length).Append(" bytes");
        return true;
    }
}

public sealed class ReceiveWhatsAppWebhookHandler(IApplicationDbContext db, WhatsAppWebhookSignatures signatures, TimeProvider clock)
    : ICommandHandler<ReceiveWhatsAppWebhookCommand>
{
    public ValueTask<Unit> Handle(ReceiveWhatsAppWebhookCommand command, CancellationToken cancellationToken)
    {
        if (!signatures.Verify(command.Body.Span, command.Signature))
        {
            throw new CXGearException(ErrorCodes.Unauthenticated, WhatsAppWebhookSignatures.RefusalMessage);
        }

        db.ChannelWebhookDeliveries.Add(ChannelWebhookDelivery.Receive(Encoding.UTF8.GetString(command.Body.Span), clock.GetUtcNow().UtcDateTime));
        return ValueTask.FromResult(Unit.Value);
    }
}
