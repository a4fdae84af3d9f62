namespace CXGear.Application.Common.Abstractions;

/// <summary>The table a valid <c>cxgt_</c> token writes to.</summary>
public sealed record IngestTokenIdentity(Guid DataTableId, Guid OrganizationId);

/// <summary>Checks a table's ingest token on every webhook call; null for malformed, unknown or rotated tokens alike.</summary>
public interface IIngestTokenAuthenticator
{
    Task<IngestTokenIdentity?> AuthenticateAsync(string? token, CancellationToken cancellationToken);
}
