using CXGear.Application.Common.Messaging;
using Mediator;

namespace CXGear.Application.Common.Behaviors;

/// <summary>
/// Receives the upload of an <see cref="IReceivesUpload"/> command before the unit of work takes SQLite's write turn: a
/// body read inside the transaction would make every writer of every tenant wait for one client's network (security
/// issue 15; docs/decisions/0024-upload-spool.md). After authorization, so a caller who may not send the command is
/// refused before a byte of the body is read.
/// </summary>
public sealed class UploadBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IReceivesUpload command)
        {
            await command.Upload.ReceiveAsync(cancellationToken);
        }

        return await next(message, cancellationToken);
    }
}
