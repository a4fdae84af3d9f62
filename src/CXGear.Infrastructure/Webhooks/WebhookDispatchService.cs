using CXGear.Application.Webhooks.Common;
using CXGear.Application.Webhooks.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Webhooks;

/// <summary>
/// Loops over <see cref="WebhookDispatcher.RunOnceAsync"/> where the runtime runs: at once when an event was written
/// here (<see cref="WebhookSignal"/>), else every <see cref="WebhookOptions.PollIntervalMilliseconds"/> of real time
/// (events of other instances, retries coming due). A failed iteration is logged and retried.
/// </summary>
internal sealed partial class WebhookDispatchService(
    WebhookDispatcher dispatcher, WebhookSignal signal, IOptions<WebhookOptions> options, ILogger<WebhookDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.RunOnceAsync(stoppingToken);
                await signal.WaitAsync(idle, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception);
                await Task.Delay(idle, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending webhook deliveries failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
