namespace CXGear.Domain.Jobs;

/// <summary>What started a job (docs/api.md#jobs).</summary>
public enum JobOrigin
{
    Manual,
    Schedule,
    Api,
    Parent,
}

/// <summary>queued → running → completed | failed | partial | cancelled.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Partial,
    Cancelled,
}

/// <summary>One record's run: pending until the runtime reaches it.</summary>
public enum JobRecordStatus
{
    Pending,
    Completed,
    Failed,
    Skipped,
}
