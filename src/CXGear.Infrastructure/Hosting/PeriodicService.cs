using Microsoft.Extensions.Hosting;

namespace CXGear.Infrastructure.Hosting;

/// <summary>
/// Housekeeping that runs every <paramref name="interval"/> of the <see cref="TimeProvider"/>'s time (so tests move it
/// with the fake clock): wait, run, repeat. A failed run (database briefly away) is reported and the next interval
/// tries again; stopping the host ends the wait or the run.
/// </summary>
internal abstract class PeriodicService(TimeProvider clock, TimeSpan interval) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected abstract void OnFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                OnFailed(exception);
            }
        }
    }
}
