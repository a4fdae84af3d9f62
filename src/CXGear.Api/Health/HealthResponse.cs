namespace CXGear.Api.Health;

/// <summary>The body of /health/live and /health/ready.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Checks">Each check run, by name (none for live).</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckEntry> Checks);

/// <summary>One check's outcome.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Description">What the check found, when it says.</param>
public sealed record HealthCheckEntry(string Status, string? Description);
