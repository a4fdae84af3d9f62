namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// The table a valid <c>cxgt_</c> token writes to. <paramref name="OrganizationSuspended"/>: a good token of a suspended
/// organization, refused with 403 ORGANIZATION_SUSPENDED.
/// </summary>
public sealed record IngestTokenIdentity(Guid DataTableId, Guid OrganizationId, bool OrganizationSuspended = false);

/// <summary>Checks a table's ingest token on every webhook call; null for malformed, unknown, rotated or disabled tokens alike.</summary>
public interface IIngestTokenAuthenticator
{
    Task<IngestTokenIdentity?> AuthenticateAsync(string? token, CancellationToken cancellationToken);
}
