using CXGear.Application.Common.Idempotency;
using CXGear.Domain.Idempotency;

namespace CXGear.Api.Idempotency;

/// <summary>
/// Renews a claim's lease every <see cref="IdempotencyRecord.RenewEvery"/> while its request runs, so a request
/// that outlasts <see cref="IdempotencyRecord.Lease"/> is never taken for a crashed one: a retry keeps getting 409
/// IDEMPOTENCY_IN_PROGRESS instead of running the work a second time. Only a request whose instance died stops
/// renewing, and only its claim is retaken. Each renewal uses its own scope (the request's DbContext belongs to the
/// handler) and the application's clock, like the lease itself. Stopped by the filter once the action has run.
/// </summary>
internal static partial class IdempotencyLeaseRenewal
{
    public static async Task RunAsync(IServiceScopeFactory scopes, TimeProvider clock, IdempotencyClaim.Acquired claim, ILogger logger, CancellationToken stop)
    {
        try
        {
            var next = clock.GetUtcNow() + IdempotencyRecord.RenewEvery;
            while (true)
            {
                // Each renewal is due a fixed interval after the previous one started, not after it finished: time
                // spent waiting on a busy database does not push the next one later.
                var wait = next - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stop);
                }

                next = clock.GetUtcNow() + IdempotencyRecord.RenewEvery;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (!await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().RenewAsync(claim, stop))
                    {
                        // Completed, released or retaken: nothing left to hold.
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    // A busy database: the lease has two more renewals' worth of time, so try again at the next one.
                    RenewalFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The request has finished.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing an Idempotency-Key claim failed; retrying at the next renewal")]
    private static partial void RenewalFailed(ILogger logger, Exception exception);
}
