using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Persistence;
using Mediator;

namespace CXGear.Application.Common.Behaviors;

/// <summary>
/// Every command is one unit of work: one transaction, saved and committed here (plan meters counted in it), never
/// in the handler. <see cref="IStagedCommand"/> commands stage their changes first and take the transaction only to
/// save them. Queries pass straight through.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(UnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message switch
        {
            IStagedCommand => await unitOfWork.RunStagedAsync(() => next(message, cancellationToken).AsTask(), cancellationToken),
            IBaseCommand => await unitOfWork.RunAsync(() => next(message, cancellationToken).AsTask(), cancellationToken),
            _ => await next(message, cancellationToken),
        };
}
