namespace CXGear.Domain.Webhooks;

/// <summary>The events an endpoint can subscribe to (docs/api.md#outbound-webhooks). No other name is accepted.</summary>
public static class WebhookEventTypes
{
    public const string JobCompleted = "job.completed";
    public const string JobFailed = "job.failed";
    public const string JobPartial = "job.partial";
    public const string JobCancelled = "job.cancelled";

    /// <summary>One event per record: opt-in, an endpoint gets it only when it names it.</summary>
    public const string RecordCompleted = "record.completed";

    public const string RecordFailed = "record.failed";
    public const string IngestWebhookRotated = "ingest.webhook_rotated";
    public const string PlanLimitReached = "plan.limit_reached";

    public static IReadOnlyList<string> All { get; } =
        [JobCompleted, JobFailed, JobPartial, JobCancelled, RecordCompleted, RecordFailed, IngestWebhookRotated, PlanLimitReached];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>The event a job's end raises, by its final status name (completed, failed, partial, cancelled).</summary>
    public static string ForJobStatus(string status) => "job." + status;
}
