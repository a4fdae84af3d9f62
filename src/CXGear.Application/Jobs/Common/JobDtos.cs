using System.Linq.Expressions;
using System.Text.Json;
using CXGear.Domain.Jobs;

namespace CXGear.Application.Jobs.Common;

/// <summary>The answer of run and trigger: 202 with the new job, always queued.</summary>
public sealed record JobQueuedDto(bool Ok, Guid JobId, string Status);

/// <summary>
/// A job and its counts. <c>error</c> says why a job the runtime could not start never ran (a schedule's firing or a
/// parent's record met a full plan meter: <c>PLAN_LIMIT: …</c> with the meter's numbers); null otherwise.
/// </summary>
public sealed record JobDto(
    Guid Id,
    Guid ProjectId,
    Guid SpinnerId,
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
    public static readonly Expression<Func<Job, JobDto>> Projection = job => new JobDto(
        job.Id,
        job.ProjectId,
        job.SpinnerId,
        job.SpinnerVersion,
        Name(job.Status),
        Name(job.Origin),
        job.TotalRecords,
        job.SucceededRecords,
        job.FailedRecords,
        job.CancelRequested,
        job.CreatedAt,
        job.StartedAt,
        job.EndedAt,
        Seconds(job.StartedAt, job.EndedAt),
        job.Error);

    private static readonly Func<Job, JobDto> Compiled = Projection.Compile();

    public static JobDto From(Job job) => Compiled(job);

    private static double? Seconds(DateTime? started, DateTime? ended) => started is { } s && ended is { } e ? (e - s).TotalSeconds : null;

    internal static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}

public sealed record JobRecordDto(
    Guid Id,
    long Sequence,
    JsonElement Payload,
    string Status,
    string? Disposition,
    string? Error,
    JsonElement? Outputs,
    DateTime? StartedAt,
    DateTime? EndedAt)
{
    /// <summary>The one mapping: lists select with it (only these columns leave the database), single reads compile it.</summary>
    public static readonly Expression<Func<JobRecord, JobRecordDto>> Projection = record => new JobRecordDto(
        record.Id,
        record.Sequence,
        Element(record.Payload),
        JobDto.Name(record.Status),
        record.Disposition,
        record.Error,
        Json(record.Outputs),
        record.StartedAt,
        record.EndedAt);

    private static readonly Func<JobRecord, JobRecordDto> Compiled = Projection.Compile();

    public static JobRecordDto From(JobRecord record) => Compiled(record);

    private static JsonElement Element(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
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

/// <summary>A record's journey: its job and status, and its step events in order.</summary>
public sealed record RecordJourneyDto(Guid RecordId, Guid JobId, string Status, IReadOnlyList<RecordEventDto> Events);
