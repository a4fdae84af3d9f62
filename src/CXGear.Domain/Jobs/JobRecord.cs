namespace CXGear.Domain.Jobs;

/// <summary>
/// One row of a job: <see cref="Payload"/> is a JSON object snapshot of the row's metadata fields taken when the
/// job was created, so later edits of the table do not change what the job runs. Numbered 1..N within the job.
/// </summary>
public sealed class JobRecord
{
    public const int MaxDispositionLength = 100;
    public const int MaxErrorLength = 2_000;

    /// <summary>
    /// Outputs over this many characters are not stored whole (an api_call may save a large response): the record
    /// keeps <see cref="TruncatedOutputs"/> instead, so one chatty endpoint cannot bloat the job's rows.
    /// </summary>
    public const int MaxOutputsLength = 65_536;

    /// <summary>What is stored in place of outputs over <see cref="MaxOutputsLength"/>.</summary>
    public const string TruncatedOutputs = "{\"truncated\":true}";

    private JobRecord()
    {
        Payload = "{}";
    }

    public Guid Id { get; private set; }
    public Guid JobId { get; private set; }
    public long Sequence { get; private set; }
    public string Payload { get; private set; }
    public JobRecordStatus Status { get; private set; }
    public string? Disposition { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The run's <c>output.*</c> bag as a JSON object (disposition, ai_response, api_call results); null until it ends.</summary>
    public string? Outputs { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    public static JobRecord Pending(Guid id, Guid jobId, long sequence, string payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrEmpty(payload);
        return new JobRecord { Id = id, JobId = jobId, Sequence = sequence, Payload = payload, Status = JobRecordStatus.Pending };
    }

    public void Start(DateTime now) => StartedAt ??= now;

    public void Complete(string? disposition, DateTime now, string? outputs = null)
    {
        Status = JobRecordStatus.Completed;
        Outputs = Bound(outputs);
        Disposition = disposition is null ? null : Cut(disposition, MaxDispositionLength);
        StartedAt ??= now;
        EndedAt = now;
    }

    public void Fail(string error, string? disposition, DateTime now, string? outputs = null)
    {
        Status = JobRecordStatus.Failed;
        Outputs = Bound(outputs);
        Error = Cut(error ?? string.Empty, MaxErrorLength);
        Disposition = disposition is null ? null : Cut(disposition, MaxDispositionLength);
        StartedAt ??= now;
        EndedAt = now;
    }

    public void Skip(DateTime now)
    {
        Status = JobRecordStatus.Skipped;
        EndedAt = now;
    }

    private static string? Bound(string? outputs) => outputs is { Length: > MaxOutputsLength } ? TruncatedOutputs : outputs;

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
