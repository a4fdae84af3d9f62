using System.Globalization;
using CXGear.Application.Jobs.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CXGear.Api.Health;

/// <summary>
/// Registered only when this instance runs the job runtime (<c>Runtime:Enabled</c>). Ready means the dispatcher loop
/// woke within three poll intervals (<see cref="RuntimeHeartbeat.LoopDeadline"/>): the loop marks itself alive on every
/// wake, including while long jobs keep an iteration from returning, so a loop that is stuck, or that fails every
/// iteration, turns the instance unready. In memory only: the database has its own check.
/// </summary>
internal sealed class RuntimeReadyCheck(RuntimeHeartbeat heartbeat, TimeProvider clock, IOptions<RuntimeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var deadline = RuntimeHeartbeat.LoopDeadline(options.Value);
        if (heartbeat.LastAliveAt is not { } alive)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The runtime loop has not started."));
        }

        var quiet = clock.GetUtcNow() - alive;
        return Task.FromResult(quiet <= deadline
            ? HealthCheckResult.Healthy("The runtime loop is running.")
            : HealthCheckResult.Unhealthy(string.Create(
                CultureInfo.InvariantCulture, $"The runtime loop has not woken for {quiet.TotalSeconds:0.#} s (limit {deadline.TotalSeconds:0.#} s).")));
    }
}
