using System.Collections.Concurrent;
using CXGear.Api.Idempotency;
using CXGear.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Tests.Idempotency;

/// <summary>
/// Test-only idempotent route: counts its executions per name, can be held mid-execution (to meet a duplicate
/// while in progress), and answers with a fresh id each run so a replay is told from a second execution.
/// </summary>
[ApiController]
[ApiExplorerSettings(IgnoreApi = true)]
[Authorize]
[Route("api/v1/test/idempotent")]
public sealed class IdempotencyProbeController : ControllerBase
{
    public static ConcurrentDictionary<string, int> Executions { get; } = new();

    /// <summary>Completed when an execution of the name has started.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Started { get; } = new();

    /// <summary>An execution of the name waits for this before answering.</summary>
    public static ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    [HttpPost("{name}")]
    [Idempotent]
    public async Task<IActionResult> Run(string name, ProbeRequest request)
    {
        var execution = Executions.AddOrUpdate(name, 1, (_, count) => count + 1);
        if (Started.TryGetValue(name, out var started))
        {
            started.TrySetResult();
        }

        if (Gates.TryGetValue(name, out var gate))
        {
            await gate.Task;
        }

        return request.Outcome switch
        {
            "throw" => throw new InvalidOperationException("probe failure"),
            "unavailable" => StatusCode(StatusCodes.Status503ServiceUnavailable),
            "not-found" => throw new CXGearException(ErrorCodes.NotFound, "The probe was not found."),
            _ => StatusCode(StatusCodes.Status201Created, new { name, execution, id = Guid.NewGuid(), value = request.Value }),
        };
    }
}

public sealed record ProbeRequest(string? Outcome, string? Value);
