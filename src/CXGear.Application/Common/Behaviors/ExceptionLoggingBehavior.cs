using CXGear.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Common.Behaviors;

/// <summary>
/// Outermost behavior: names the use case that failed unexpectedly. Only the message type is logged,
/// never the message itself, which may carry passwords or tokens.
/// </summary>
public sealed partial class ExceptionLoggingBehavior<TMessage, TResponse>(ILogger<ExceptionLoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not CXGearException and not OperationCanceledException)
        {
            LogFailure(logger, ex, typeof(TMessage).Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Use case {UseCase} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string useCase);
}
