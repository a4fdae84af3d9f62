using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// Renews a running job's lease every third of the lease while this instance holds it, from its own scope and
/// DbContext, so a record whose steps outlast the lease (several slow api_calls) is not taken over mid-record by
/// another instance. Commits renew the lease too; this covers the time between them. It stops when the job is no
/// longer this instance's (finished, or lost) or when the run ends. Timed by the application's clock, like the lease.
/// </summary>
internal sealed partial class LeaseHeartbeat(IServiceScopeFactory scopes, TimeProvider clock, Guid jobId, string instance, TimeSpan lease, ILogger logger)
{
    public async Task RunAsync(CancellationToken stop)
    {
        var every = lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, stop);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + lease;
                var held = await db.Jobs.IgnoreQueryFilters()
                    .Where(j => j.Id == jobId && j.Status == JobStatus.Running && j.ClaimedBy == instance)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), stop);
                if (held == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
        catch (Exception exception)
        {
            // The next commit renews the lease anyway; a failed beat only widens the window it closes.
            HeartbeatFailed(logger, exception, jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the lease heartbeat failed; commits still renew the lease")]
    private static partial void HeartbeatFailed(ILogger logger, Exception exception, Guid jobId);
}
