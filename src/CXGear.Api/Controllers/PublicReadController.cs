using CXGear.Application.DataTables.Queries.GetPublicTableSchema;
using CXGear.Application.Jobs.Common;
using CXGear.Application.Jobs.Queries.GetPublicJob;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// Reads an integration needs around its writes, with the same organization API keys as <see cref="PublicController"/>:
/// a table's columns before pushing rows (scope <c>ingest</c>), a triggered job's progress (scope <c>trigger</c>).
/// A JWT here is 401 INVALID_API_KEY; another organization's id is 404.
/// </summary>
[Authorize]
[Route("api/v1/public")]
public sealed class PublicReadController(ISender sender) : ApiControllerBase
{
    /// <summary>A data table's id, name, columns and row count (scope <c>ingest</c>).</summary>
    [HttpGet("data-tables/{dataTableId:guid}/schema")]
    [ProducesResponseType<PublicTableSchemaDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<PublicTableSchemaDto>> GetTableSchema(Guid dataTableId, CancellationToken cancellationToken) =>
        await sender.Send(new GetPublicTableSchemaQuery(dataTableId), cancellationToken);

    /// <summary>A job's status, counts and times (scope <c>trigger</c>).</summary>
    [HttpGet("jobs/{jobId:guid}")]
    [ProducesResponseType<JobDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<JobDto>> GetJob(Guid jobId, CancellationToken cancellationToken) =>
        await sender.Send(new GetPublicJobQuery(jobId), cancellationToken);
}
