using CXGear.Api.DataTables;
using CXGear.Api.Http;
using CXGear.Api.OpenApi;
using CXGear.Application.Common.Paging;
using CXGear.Application.DataTables.Commands.AppendCsv;
using CXGear.Application.DataTables.Commands.CreateDataTable;
using CXGear.Application.DataTables.Commands.DeleteDataTable;
using CXGear.Application.DataTables.Commands.ImportCsv;
using CXGear.Application.DataTables.Commands.RotateIngestToken;
using CXGear.Application.DataTables.Commands.SetIngestWebhook;
using CXGear.Application.DataTables.Commands.SetMetadataFields;
using CXGear.Application.DataTables.Common;
using CXGear.Application.DataTables.Queries.GetDataTable;
using CXGear.Application.DataTables.Queries.GetIngestWebhook;
using CXGear.Application.DataTables.Queries.ListRows;
using CXGear.Application.DataTables.Queries.ListDataTables;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Data tables: a project's source rows, loaded by CSV (import, append) and by ingest. Reading needs
/// <c>projects.read</c>, changing <c>projects.write</c>, deleting <c>data_tables.delete</c>.
/// </summary>
[Authorize]
[Route("api/v1")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class DataTablesController(ISender sender, CsvUpload uploads) : ApiControllerBase
{
    /// <summary>A project's tables, newest first.</summary>
    [HttpGet("projects/{projectId:guid}/data-tables")]
    [ProducesResponseType<PagedResult<DataTableDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<DataTableDto>>> List(
        Guid projectId,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListDataTablesQuery(projectId, page, pageSize), cancellationToken);

    /// <summary>Creates a table, optionally with its columns; 403 PLAN_LIMIT when the Data tables meter is full.</summary>
    [HttpPost("projects/{projectId:guid}/data-tables")]
    [ProducesErrors(ErrorCodes.PlanLimit)]
    [ProducesResponseType<DataTableDto>(StatusCodes.Status201Created)]
    public async Task<ActionResult<DataTableDto>> Create(Guid projectId, CreateDataTableRequest request, CancellationToken cancellationToken)
    {
        var table = await sender.Send(new CreateDataTableCommand(projectId, request.Name ?? string.Empty, request.Columns), cancellationToken);
        return CreatedAtAction(nameof(Get), new { id = table.Id }, table);
    }

    /// <summary>One table with its columns, metadata fields and row count.</summary>
    [HttpGet("data-tables/{id:guid}")]
    [ProducesResponseType<DataTableDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DataTableDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetDataTableQuery(id), cancellationToken);

    /// <summary>Deletes the table and its rows (<c>data_tables.delete</c>) and frees its unit of the Data tables meter.</summary>
    [HttpDelete("data-tables/{id:guid}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteDataTableCommand(id), cancellationToken);
        return NoContent();
    }

    /// <summary>
    /// Loads a CSV (<c>text/csv</c> body or a multipart file): its header becomes the columns. Only on an empty table
    /// unless <c>replace=true</c> (409 otherwise). A malformed line is 400 naming it, and nothing is imported. The body
    /// is received whole before anything is written: 408 if it is still arriving at the upload deadline.
    /// </summary>
    [HttpPost("data-tables/{id:guid}/import")]
    [BodyLimit(CsvUpload.MaxBytes)]
    [DisableFormValueModelBinding]
    [CsvUpload]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<CsvLoadResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CsvLoadResult>> Import(Guid id, [FromQuery] bool replace = false, CancellationToken cancellationToken = default)
    {
        // Disposed when the action returns, whatever happened: that deletes the spool file.
        await using var csv = uploads.Open(Request);
        return await sender.Send(new ImportCsvCommand(id, csv, replace), cancellationToken);
    }

    /// <summary>Adds a CSV's rows; its header must name exactly the table's columns, else 400 SCHEMA_MISMATCH.</summary>
    [HttpPost("data-tables/{id:guid}/append")]
    [BodyLimit(CsvUpload.MaxBytes)]
    [DisableFormValueModelBinding]
    [CsvUpload]
    [ProducesErrors(ErrorCodes.SchemaMismatch, ErrorCodes.Conflict)]
    [ProducesResponseType<CsvLoadResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CsvLoadResult>> Append(Guid id, CancellationToken cancellationToken)
    {
        await using var csv = uploads.Open(Request);
        return await sender.Send(new AppendCsvCommand(id, csv), cancellationToken);
    }

    /// <summary>A page of rows in insertion order; each row's values by column.</summary>
    [HttpGet("data-tables/{id:guid}/rows")]
    [ProducesResponseType<PagedResult<DataRowDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PagedResult<DataRowDto>>> Rows(
        Guid id,
        [FromQuery] int page = 1,
        [FromQuery] int pageSize = Paging.DefaultPageSize,
        CancellationToken cancellationToken = default) =>
        await sender.Send(new ListRowsQuery(id, page, pageSize), cancellationToken);

    /// <summary>Chooses the columns that enter automation: a subset of the columns (empty clears the choice).</summary>
    [HttpPut("data-tables/{id:guid}/metadata-fields")]
    [ProducesResponseType<DataTableDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DataTableDto>> SetMetadataFields(Guid id, MetadataFieldsRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SetMetadataFieldsCommand(id, request.Fields!), cancellationToken);

    /// <summary>The ingest webhook without its token: the URL shape (<c>{token}</c> placeholder), whether it is on, the token's prefix.</summary>
    [HttpGet("data-tables/{id:guid}/ingest-webhook")]
    [ProducesResponseType<IngestWebhookDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IngestWebhookDto>> GetIngestWebhook(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetIngestWebhookQuery(id), cancellationToken);

    /// <summary>
    /// Switches the ingest webhook on or off (<c>{enabled}</c>). Off, its token gets 401 INVALID_INGEST_TOKEN like an
    /// unknown one; on again, the same token works. A table without a token cannot be switched on (409: rotate first).
    /// </summary>
    [HttpPut("data-tables/{id:guid}/ingest-webhook")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<IngestWebhookDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IngestWebhookDto>> SetIngestWebhook(Guid id, SetIngestWebhookRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new SetIngestWebhookCommand(id, request.Enabled), cancellationToken);

    /// <summary>Issues a new webhook token, shown this once in <c>token</c> and <c>url</c>; the old one stops working at once.</summary>
    [HttpPost("data-tables/{id:guid}/ingest-webhook/rotate")]
    [ProducesResponseType<IngestTokenIssued>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IngestTokenIssued>> RotateIngestWebhook(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new RotateIngestTokenCommand(id), cancellationToken);
}

public sealed record CreateDataTableRequest(string? Name, IReadOnlyList<string>? Columns);

public sealed record MetadataFieldsRequest(IReadOnlyList<string>? Fields);

/// <summary>Whether the table's ingest webhook takes calls.</summary>
public sealed record SetIngestWebhookRequest(bool? Enabled);
