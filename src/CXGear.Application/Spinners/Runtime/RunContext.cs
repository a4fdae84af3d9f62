namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// The runtime ids a record's templates can read as <c>{{context.jobId}}</c>, <c>{{context.recordId}}</c>,
/// <c>{{context.spinnerId}}</c>, <c>{{context.projectId}}</c> and <c>{{context.organizationId}}</c>; the organization is
/// also whose vault and channels the record may use.
/// </summary>
public sealed record RunContext(Guid JobId, Guid RecordId, Guid SpinnerId, Guid OrganizationId)
{
    /// <summary>The job's project, which a function step's <c>context.projectId</c> reads.</summary>
    public Guid ProjectId { get; init; }
}
