using CXGear.Application.Webhooks.Retention;
using CXGear.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace CXGear.Infrastructure.Webhooks;

/// <summary>Runs <see cref="WebhookHistoryPurge"/> once an hour on every instance that runs the runtime.</summary>
internal sealed partial class WebhookPurgeService(WebhookHistoryPurge purge, TimeProvider clock, ILogger<WebhookPurgeService> logger)
    : PeriodicService(clock, TimeSpan.FromHours(1))
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await purge.PurgeAsync(cancellationToken);
        LogPurged(logger, purged.Deliveries, purged.Messages);
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Deliveries} webhook deliveries and {Messages} messages past their retention")]
    private static partial void LogPurged(ILogger logger, int deliveries, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging the webhook log failed; trying again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
