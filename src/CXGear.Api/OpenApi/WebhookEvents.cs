using CXGear.Application.DataTables.Common;
using CXGear.Application.Jobs.Common;
using CXGear.Domain.Webhooks;
using Namotion.Reflection;
using NJsonSchema;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>
/// The events CXGear pushes to webhook endpoints. The document is OpenAPI 3.0, which has no <c>webhooks</c> section
/// (3.1 added it), so each event's body is a component schema (<c>JobWebhookEvent</c>…, generated from the types
/// below, whose <c>data</c> is the read routes' DTO) and <c>x-webhooks</c> holds, per event type, the POST a receiver
/// gets in the shape 3.1's <c>webhooks</c> uses: the Standard Webhooks headers, the body, and what an answer means.
/// </summary>
internal static class WebhookEvents
{
    public static void AddTo(DocumentProcessorContext context)
    {
        var job = Schema<JobWebhookEvent>(context);
        var record = Schema<RecordWebhookEvent>(context);
        var ingest = Schema<IngestWebhookRotatedEvent>(context);
        var plan = Schema<PlanLimitReachedEvent>(context);
        var webhooks = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            [WebhookEventTypes.JobCompleted] = Post("A job ended with every record completed.", job),
            [WebhookEventTypes.JobFailed] = Post("A job ended with every record failed, could not run, or was refused by the runtime (a schedule's firing or a parent's record met a full plan meter).", job),
            [WebhookEventTypes.JobPartial] = Post("A job ended with some records completed and some failed.", job),
            [WebhookEventTypes.JobCancelled] = Post("A job was cancelled (at once when queued, when its runtime stopped when running).", job),
            [WebhookEventTypes.RecordCompleted] = Post("A record completed (opt-in: one event per record).", record),
            [WebhookEventTypes.RecordFailed] = Post("A record failed (opt-in: one event per record).", record),
            [WebhookEventTypes.IngestWebhookRotated] = Post("A table's ingest webhook token was rotated: the old URL is refused from now on. The token is not in the event.", ingest),
            [WebhookEventTypes.PlanLimitReached] = Post("The runtime could not start a job because a plan meter was full; a failed job records it.", plan),
        };
        context.Document.ExtensionData ??= new Dictionary<string, object?>();
        context.Document.ExtensionData["x-webhooks"] = webhooks;
    }

    private static string Schema<T>(DocumentProcessorContext context)
    {
        var schema = context.SchemaGenerator.GenerateWithReference<JsonSchema>(typeof(T).ToContextualType(), context.SchemaResolver);
        var name = context.Document.Components.Schemas.Single(s => s.Value == schema.ActualSchema).Key;
        return $"#/components/schemas/{name}";
    }

    private static Dictionary<string, object> Post(string summary, string schema) => new()
    {
        ["post"] = new Dictionary<string, object>
        {
            ["summary"] = summary,
            ["parameters"] = new object[]
            {
                Header("webhook-id", "The event's id (msg_…), the same on every retry and replay: deduplicate on it."),
                Header("webhook-timestamp", "Unix seconds when this attempt was signed; refuse ones far from now."),
                Header("webhook-signature", "Space-separated v1,<base64 HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}'> under the endpoint's whsec_ secret (two during a rotation's 24-hour grace)."),
            },
            ["requestBody"] = new Dictionary<string, object>
            {
                ["required"] = true,
                ["content"] = new Dictionary<string, object> { ["application/json"] = new Dictionary<string, object> { ["schema"] = new Dictionary<string, object> { ["$ref"] = schema } } },
            },
            ["responses"] = new Dictionary<string, object>
            {
                ["2XX"] = new Dictionary<string, object> { ["description"] = "Received; the delivery ends." },
                ["default"] = new Dictionary<string, object> { ["description"] = "Anything else (or no answer within Webhooks:TimeoutSeconds) is retried with backoff for about three days." },
            },
        },
    };

    private static Dictionary<string, object> Header(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "header",
        ["required"] = true,
        ["description"] = description,
        ["schema"] = new Dictionary<string, object> { ["type"] = "string" },
    };
}

/// <summary><c>job.completed</c>, <c>job.failed</c>, <c>job.partial</c>, <c>job.cancelled</c>: <c>data</c> is the job as <c>GET /jobs/{id}</c> returns it.</summary>
internal sealed record JobWebhookEvent(string Id, string Type, DateTime CreatedAt, Guid OrganizationId, JobDto Data);

/// <summary><c>record.completed</c>, <c>record.failed</c>: <c>data</c> is the job's id and the record as its job's records route returns it.</summary>
internal sealed record RecordWebhookEvent(string Id, string Type, DateTime CreatedAt, Guid OrganizationId, RecordEventData Data);

/// <summary><c>ingest.webhook_rotated</c>: <c>data</c> is the table as <c>GET /data-tables/{id}</c> returns it.</summary>
internal sealed record IngestWebhookRotatedEvent(string Id, string Type, DateTime CreatedAt, Guid OrganizationId, DataTableDto Data);

/// <summary><c>plan.limit_reached</c>: <c>data</c> has the meter's numbers, the message and the failed job that records the refusal.</summary>
internal sealed record PlanLimitReachedEvent(string Id, string Type, DateTime CreatedAt, Guid OrganizationId, PlanLimitReachedData Data);
