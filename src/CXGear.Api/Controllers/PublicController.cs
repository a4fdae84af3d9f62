using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CXGear.Api.Authentication;
using CXGear.Api.Http;
using CXGear.Api.Idempotency;
using CXGear.Api.OpenApi;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Application.DataTables.Commands.IngestViaWebhook;
using CXGear.Application.DataTables.Common;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Spinners.Commands.TriggerSpinner;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// The integration surface for CRMs and middleware: organization API keys (<c>Authorization: Bearer cxg_…</c>)
/// with the route's scope. A user's JWT here is 401 INVALID_API_KEY. Every route honors <c>Idempotency-Key</c>
/// (scoped to the API key), answering 409 IDEMPOTENCY_IN_PROGRESS or 422 IDEMPOTENCY_KEY_REUSED when it must.
/// </summary>
[Authorize]
[Route("api/v1/public")]
public sealed class PublicController(ISender sender) : ApiControllerBase
{
    /// <summary>An ingest body is at most 5 MB (docs/api.md#limits).</summary>
    public const long MaxIngestBytes = 5 * 1024 * 1024;

    /// <summary>Adds 1–500 rows to a data table of the key's organization (scope <c>ingest</c>).</summary>
    [HttpPost("ingest")]
    [BodyLimit(MaxIngestBytes)]
    [Idempotent]
    [ProducesErrors(ErrorCodes.SchemaMismatch, ErrorCodes.NotFound, ErrorCodes.Conflict)]
    [OperationExamples<PublicExamples.Ingest>]
    [ProducesResponseType<IngestResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IngestResult>> Ingest(IngestRecordsRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new IngestRecordsCommand(request.DataTableId, request.Records), cancellationToken);

    /// <summary>Adds 1–500 rows to the table whose ingest token is in the path; no API key.</summary>
    /// <param name="token">The table's ingest token (<c>cxgt_…</c>).</param>
    /// <param name="request">The records.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpPost("data-tables/ingest/{token}")]
    [BodyLimit(MaxIngestBytes)]
    [Idempotent]
    [ProducesErrors(ErrorCodes.SchemaMismatch, ErrorCodes.Conflict)]
    [OperationExamples<PublicExamples.IngestViaWebhook>]
    [ProducesResponseType<IngestResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IngestResult>> IngestViaWebhook(string token, IngestWebhookRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new IngestViaWebhookCommand(request.Records), cancellationToken);

    /// <summary>
    /// The same as the path form, with the table's ingest token in the <c>X-Ingest-Token</c> header instead, for tools
    /// that keep secrets out of URLs (and so out of proxies' access logs).
    /// </summary>
    /// <param name="ingestToken">The table's ingest token (<c>cxgt_…</c>).</param>
    /// <param name="request">The records.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpPost("data-tables/ingest")]
    [BodyLimit(MaxIngestBytes)]
    [Idempotent]
    [ProducesErrors(ErrorCodes.SchemaMismatch, ErrorCodes.Conflict)]
    [OperationExamples<PublicExamples.IngestViaWebhook>]
    [ProducesResponseType<IngestResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IngestResult>> IngestViaWebhookHeader(
        [FromHeader(Name = IngestTokenAuthenticationHandler.HeaderName), Required] string ingestToken, IngestWebhookRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new IngestViaWebhookCommand(request.Records), cancellationToken);

    /// <summary>Starts a job of a published spinner (scope <c>trigger</c>), on the whole table or on 1–500 inline rows.</summary>
    [HttpPost("trigger/{spinnerId:guid}")]
    [BodyLimit(MaxIngestBytes)]
    [Idempotent]
    [ProducesErrors(ErrorCodes.SchemaMismatch, ErrorCodes.PlanLimit, ErrorCodes.SpinnerNotPublished, ErrorCodes.Conflict)]
    [OperationExamples<PublicExamples.Trigger>]
    [ProducesResponseType<JobQueuedDto>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult<JobQueuedDto>> Trigger(Guid spinnerId, TriggerRequest? request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new TriggerSpinnerCommand(spinnerId, request?.Records), cancellationToken);
        return Queued(result);
    }
}

// Both ingest bodies are bound by RecordsBodyInputFormatter (Api/Http), which keeps the records as the bytes received.

/// <summary>Body of an ingest: the data table (of the key's organization) and the records to add to it.</summary>
public sealed record IngestRecordsRequest(Guid DataTableId, RecordsJson Records);

/// <summary>Body of a webhook ingest: the records alone, since the token names the table.</summary>
public sealed record IngestWebhookRequest(RecordsJson Records);

/// <summary>Optional body of a trigger: rows to run instead of the whole table.</summary>
public sealed record TriggerRequest(JsonElement? Records);
