using CXGear.Application.Webhooks.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CXGear.Infrastructure.Webhooks;

/// <summary>
/// Runs <see cref="WebhookHistoryPurge"/> once an hour on every instance that runs the runtime (timed by <see cref="TimeProvider"/>); a failed
/// purge (database briefly away) is logged and tried again at the next hour.
/// </summary>
internal sealed partial class WebhookPurgeService(WebhookHistoryPurge purge, TimeProvider clock, ILogger<WebhookPurgeService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                var purged = await purge.PurgeAsync(stoppingToken);
                LogPurged(logger, purged.Deliveries, purged.Messages);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Deliveries} webhook deliveries and {Messages} messages past their retention")]
    private static partial void LogPurged(ILogger logger, int deliveries, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging the webhook log failed; trying again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
