using System.Linq.Expressions;
using System.Text.Json;
using CXGear.Domain.Jobs;

namespace CXGear.Application.Jobs.Common;

/// <summary>The answer of run and trigger: 202 with the new job, always queued.</summary>
public sealed record JobQueuedDto(bool Ok, Guid JobId, string Status);

/// <summary>
/// A job and its counts, with its spinner's name (kept after the spinner is archived, so history reads whole).
/// <c>error</c> says why a job the runtime could not start never ran (a schedule's firing or a parent's record met a
/// full plan meter: <c>PLAN_LIMIT: …</c> with the meter's numbers); null otherwise.
/// </summary>
public sealed record JobDto(
    Guid Id,
    Guid ProjectId,
    Guid SpinnerId,
    string SpinnerName,
    int Version,
    string Status,
    string Origin,
    int TotalRecords,
    int SucceededRecords,
    int FailedRecords,
    bool CancelRequested,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    double? DurationSeconds,
    string? Error)
{
    /// <summary>The one mapping: lists select with it (only these columns leave the database), single reads compile it.</summary>
    public static readonly Expression<Func<JobRow, JobDto>> Projection = row => new JobDto(
        row.Job.Id,
        row.Job.ProjectId,
        row.Job.SpinnerId,
        row.SpinnerName,
        row.Job.SpinnerVersion,
        Name(row.Job.Status),
        Name(row.Job.Origin),
        row.Job.TotalRecords,
        row.Job.SucceededRecords,
        row.Job.FailedRecords,
        row.Job.CancelRequested,
        row.Job.CreatedAt,
        row.Job.StartedAt,
        row.Job.EndedAt,
        Seconds(row.Job.StartedAt, row.Job.EndedAt),
        row.Job.Error);

    private static readonly Func<JobRow, JobDto> Compiled = Projection.Compile();

    public static JobDto From(Job job, string spinnerName) => Compiled(new JobRow { Job = job, SpinnerName = spinnerName });

    private static double? Seconds(DateTime? started, DateTime? ended) => started is { } s && ended is { } e ? (e - s).TotalSeconds : null;

    internal static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>
/// A record with where it belongs: its job, the job's spinner and version. One shape for a job's records, a project's
/// records and one record. <c>durationMs</c> is ended − started, when both exist.
/// </summary>
public sealed record JobRecordDto(
    Guid Id,
    Guid JobId,
    Guid SpinnerId,
    string SpinnerName,
    int SpinnerVersion,
    long Sequence,
    JsonElement Payload,
    string Status,
    string? Disposition,
    string? Error,
    JsonElement? Outputs,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt)
{
    /// <summary>The one mapping: every record read selects with it, so only these columns leave the database.</summary>
    public static readonly Expression<Func<RecordRow, JobRecordDto>> Projection = row => new JobRecordDto(
        row.Record.Id,
        row.Job.Id,
        row.Job.SpinnerId,
        row.SpinnerName,
        row.Job.SpinnerVersion,
        row.Record.Sequence,
        Element(row.Record.Payload),
        JobDto.Name(row.Record.Status),
        row.Record.Disposition,
        row.Record.Error,
        Json(row.Record.Outputs),
        row.Job.CreatedAt,
        row.Record.StartedAt,
        row.Record.EndedAt);

    private static readonly Func<RecordRow, JobRecordDto> Compiled = Projection.Compile();

    /// <summary>For a record already in memory (the runtime's record events), through the same mapping.</summary>
    public static JobRecordDto From(JobRecord record, Job job, string spinnerName) =>
        Compiled(new RecordRow { Record = record, Job = job, SpinnerName = spinnerName });

    public long? DurationMs => Milliseconds(StartedAt, EndedAt);

    internal static long? Milliseconds(DateTime? started, DateTime? ended) =>
        started is { } s && ended is { } e ? (long)(e - s).TotalMilliseconds : null;

    internal static JsonElement Element(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    internal static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

/// <summary>A job with its spinner's name, as the reads join them (jobs carry the spinner's id only).</summary>
public sealed class JobRow
{
    public required Job Job { get; init; }
    public required string SpinnerName { get; init; }
}

/// <summary>A record with its job and the job's spinner's name, as the record reads join them.</summary>
public sealed class RecordRow
{
    public required JobRecord Record { get; init; }
    public required Job Job { get; init; }
    public required string SpinnerName { get; init; }
}

/// <summary>
/// The <c>data</c> of <c>plan.limit_reached</c>: the meter and its numbers as the 403 PLAN_LIMIT problem carries them,
/// its message, and the failed job that records the refusal.
/// </summary>
public sealed record PlanLimitReachedData(string Meter, long Used, long Limit, string Message, JobDto Job)
{
    public static PlanLimitReachedData From(Domain.Common.CXGearException refusal, JobDto job) => new(
        refusal.Extensions.TryGetValue("meter", out var meter) && meter is string name ? name : string.Empty,
        refusal.Extensions.TryGetValue("used", out var used) && used is long u ? u : 0,
        refusal.Extensions.TryGetValue("limit", out var limit) && limit is long l ? l : 0,
        refusal.Message,
        job);
}

/// <summary>The <c>data</c> of <c>record.completed</c> and <c>record.failed</c>: the record as its job's records route shows it.</summary>
public sealed record RecordEventData(Guid JobId, JobRecordDto Record);

public sealed record RecordEventDto(int Index, string StepId, string Type, string Outcome, string? Message, DateTime StartedAt, DateTime EndedAt)
{
    public static RecordEventDto From(RecordEvent e) => new(e.Index, e.StepId, e.Type, e.Outcome, e.Message, e.StartedAt, e.EndedAt);
}

/// <summary>
/// A record's journey: its job and status, when it started and ended (null until then), how long it ran, its final
/// outputs (null until it ends; as scrubbed and bounded as the record's own) and its step events in order.
/// </summary>
public sealed record RecordJourneyDto(
    Guid RecordId,
    Guid JobId,
    string Status,
    DateTime? StartedAt,
    DateTime? EndedAt,
    long? DurationMs,
    JsonElement? Outputs,
    IReadOnlyList<RecordEventDto> Events);
