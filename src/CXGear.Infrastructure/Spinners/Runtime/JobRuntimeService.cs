using CXGear.Application.Jobs.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Spinners.Runtime;

/// <summary>
/// Loops over <see cref="JobRunner.RunOnceAsync"/>: after an iteration that ran nothing it sleeps
/// <see cref="RuntimeOptions.PollIntervalMilliseconds"/> of real time (not the injected clock, which only dates the
/// work), so a frozen test clock cannot stall the loop, or less when <see cref="JobSignal"/> says a job was queued here. A failed iteration (database briefly away) is logged and retried.
/// Each completed iteration beats (<see cref="RuntimeHeartbeat"/>), as each wake inside one does, so readiness sees a
/// loop that keeps failing as not alive.
/// </summary>
internal sealed partial class JobRuntimeService(
    JobRunner runner, JobSignal signal, RuntimeHeartbeat heartbeat, IOptions<RuntimeOptions> options, ILogger<JobRuntimeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMilliseconds));

        // Started: alive from now until the first iteration has had its three poll intervals.
        heartbeat.MarkAlive();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var ran = await runner.RunOnceAsync(stoppingToken);
                await heartbeat.BeatAsync(runner.InstanceId, 0, stoppingToken);
                if (ran == 0)
                {
                    await signal.WaitAsync(idle, stoppingToken);
                }
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A runtime iteration failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
