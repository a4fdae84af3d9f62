namespace CXGear.Domain.Jobs;

/// <summary>
/// One row of a job: <see cref="Payload"/> is a JSON object snapshot of the row's metadata fields taken when the
/// job was created, so later edits of the table do not change what the job runs. Numbered 1..N within the job.
/// </summary>
public sealed class JobRecord
{
    public const int MaxDispositionLength = 100;
    public const int MaxErrorLength = 2_000;

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
    public DateTime? StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    public static JobRecord Pending(Guid id, Guid jobId, long sequence, string payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrEmpty(payload);
        return new JobRecord { Id = id, JobId = jobId, Sequence = sequence, Payload = payload, Status = JobRecordStatus.Pending };
    }

    public void Start(DateTime now) => StartedAt ??= now;

    public void Complete(string? disposition, DateTime now)
    {
        Status = JobRecordStatus.Completed;
        Disposition = disposition is null ? null : Cut(disposition, MaxDispositionLength);
        StartedAt ??= now;
        EndedAt = now;
    }

    public void Fail(string error, string? disposition, DateTime now)
    {
        Status = JobRecordStatus.Failed;
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

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
