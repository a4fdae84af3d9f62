using CXGear.Application.Common.Idempotency;
using CXGear.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CXGear.Infrastructure.Idempotency;

/// <summary>
/// Deletes Idempotency-Key records past their 24 hours, once an hour on every instance (a delete of rows already
/// gone is harmless). Correctness does not depend on it: a claim that meets an expired row deletes it first.
/// </summary>
internal sealed partial class IdempotencyPurgeService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyPurgeService> logger)
    : PeriodicService(clock, TimeSpan.FromHours(1))
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var purged = await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().PurgeExpiredAsync(cancellationToken);
        LogPurged(logger, purged);
    }

    protected override void OnFailed(Exception exception) => LogFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired idempotency records")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency records failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
