using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Billing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Persistence;
using Mediator;

namespace CXGear.Application.Common.Behaviors;

/// <summary>
/// For <see cref="IMetered"/> messages: opens the transaction, takes the units, runs the handler inside it and
/// commits. A full meter throws PLAN_LIMIT before the handler runs; a handler that fails rolls the units back.
/// </summary>
public sealed class MeteringBehavior<TMessage, TResponse>(IApplicationDbContext db, IUsageMeters meters, ICurrentPrincipal principal)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is IMetered metered ? HandleMetered(metered, message, next, cancellationToken) : next(message, cancellationToken);

    private async ValueTask<TResponse> HandleMetered(IMetered metered, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var organizationId = principal.OrganizationId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} is metered but the caller has no organization.");
        return await db.InTransactionAsync(
            async () =>
            {
                await meters.ReserveAsync(organizationId, metered.Meter, metered.Amount, cancellationToken);
                return await next(message, cancellationToken);
            },
            cancellationToken);
    }
}
