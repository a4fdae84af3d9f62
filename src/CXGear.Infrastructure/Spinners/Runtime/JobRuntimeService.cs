using CXGear.Application.Jobs.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Spinners.Runtime;

/// <summary>
/// Loops over <see cref="JobRunner.RunOnceAsync"/>: after an iteration that ran nothing it sleeps
/// <see cref="RuntimeOptions.PollIntervalMilliseconds"/> of real time (not the injected clock, which only dates the
/// work), so a frozen test clock cannot stall the loop, or less when <see cref="JobSignal"/> says a job was queued here. A failed iteration (database briefly away) is logged and retried.
/// </summary>
internal sealed partial class JobRuntimeService(JobRunner runner, JobSignal signal, IOptions<RuntimeOptions> options, ILogger<JobRuntimeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await runner.RunOnceAsync(stoppingToken) == 0)
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
