using CXGear.Application.Channels.Webhooks;
using CXGear.Application.Jobs.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Channels;

/// <summary>
/// Loops over <see cref="ChannelWebhookApplier.ApplyDueAsync"/>: at once when a delivery was stored here
/// (<see cref="ChannelWebhookSignal"/>), else every <see cref="RuntimeOptions.PollIntervalMilliseconds"/> of real time
/// (deliveries stored by other instances, and statuses waiting for their message). Runs where the job runtime runs.
/// </summary>
internal sealed partial class ChannelWebhookService(
    ChannelWebhookApplier applier, ChannelWebhookSignal signal, IOptions<RuntimeOptions> options, ILogger<ChannelWebhookService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await applier.ApplyDueAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying WhatsApp webhook deliveries failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
