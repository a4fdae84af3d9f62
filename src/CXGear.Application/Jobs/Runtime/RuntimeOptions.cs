namespace CXGear.Application.Jobs.Runtime;

/// <summary>Bound from the <c>Runtime</c> configuration section (the section the engine's options share).</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>Whether this instance runs the hosted runtime; any number of instances may share one database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the loop sleeps when an iteration found nothing to do.</summary>
    public int PollIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>How long a claim holds without renewal; another instance reclaims a job whose lease expired.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Pending records read and run per batch (keyset by sequence); their outcomes commit together.</summary>
    public int RecordBatchSize { get; set; } = 100;

    /// <summary>
    /// Outcomes are committed sooner than the end of a batch once the oldest unsaved one is this old, so slow steps
    /// (api_call) still show progress, a cancel is seen, and a crash re-runs at most about this much work.
    /// </summary>
    public int FlushIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>Jobs this instance runs at once.</summary>
    public int MaxConcurrentJobs { get; set; } = 8;

    /// <summary>
    /// Of those, at most this many of one organization, so one tenant's backlog leaves room for the others (claims
    /// also go round-robin across organizations).
    /// </summary>
    public int MaxConcurrentJobsPerOrganization { get; set; } = 4;

    /// <summary>
    /// Records of one job in flight at once. Steps are network-bound (an api_call, an AI provider), so records overlap
    /// their waits; outcomes are still committed in batches.
    /// </summary>
    public int MaxConcurrentRecordsPerJob { get; set; } = 16;

    /// <summary>A record still running after this long is stopped and fails with RECORD_TIMEOUT; the job goes on.</summary>
    public int RecordTimeoutSeconds { get; set; } = 120;

    /// <summary>How often a running job looks for a cancel while its records are all still in flight.</summary>
    public int CancelCheckMilliseconds { get; set; } = 500;

    /// <summary>
    /// A <c>RuntimeInstances</c> row not renewed for this long is deleted (by any instance's heartbeat): the instance
    /// is gone. Until then operators see it, no longer alive.
    /// </summary>
    public int InstanceRetentionHours { get; set; } = 24;
}
