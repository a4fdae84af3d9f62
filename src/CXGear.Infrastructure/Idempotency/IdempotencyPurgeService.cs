using CXGear.Application.Common.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CXGear.Infrastructure.Idempotency;

/// <summary>
/// Deletes Idempotency-Key records past their 24 hours, once an hour on every instance (a delete of rows already
/// gone is harmless). Correctness does not depend on it: a claim that meets an expired row deletes it first.
/// </summary>
internal sealed partial class IdempotencyPurgeService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyPurgeService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().PurgeExpiredAsync(stoppingToken);
                LogPurged(logger, purged);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed purge (database briefly away) is retried at the next interval.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired idempotency records")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency records failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
