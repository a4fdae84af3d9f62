using CXGear.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace CXGear.Api.Errors;

/// <summary>
/// Every exception ends here. Known failures become their contract error; anything else is a 500 that
/// says nothing about the cause and logs it with the trace id the client sees.
/// </summary>
internal sealed partial class CXGearExceptionHandler(ILogger<CXGearExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case CXGearException known:
                await Problems.WriteAsync(httpContext, known);
                return true;
            case BadHttpRequestException bad:
                var (code, message) = ErrorStatus.Default(bad.StatusCode);
                await Problems.WriteAsync(httpContext, Problems.Create(httpContext, bad.StatusCode, code, message));
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The client went away; there is nobody to answer.
                return true;
        }

        var traceId = Problems.TraceId(httpContext);
        LogUnhandled(logger, exception, traceId);
        var (internalCode, internalMessage) = ErrorStatus.Default(StatusCodes.Status500InternalServerError);
        await Problems.WriteAsync(httpContext, Problems.Create(httpContext, StatusCodes.Status500InternalServerError, internalCode, internalMessage));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception, traceId {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
