namespace CXGear.Application.Common.Abstractions;

public enum CredentialKind
{
    Anonymous = 0,
    User = 1,
    ApiKey = 2,

    /// <summary>A platform operator's JWT: /admin routes only.</summary>
    Operator = 3,

    /// <summary>A data table's <c>cxgt_</c> ingest token: the table's webhook route only.</summary>
    IngestToken = 4,
}

/// <summary>Who is calling, as established by authentication. Handlers never read HTTP themselves.</summary>
public interface ICurrentPrincipal
{
    CredentialKind Kind { get; }
    Guid? UserId { get; }
    Guid? OrganizationId { get; }
    Guid? SessionId { get; }

    /// <summary>The organization API key behind the request, for <see cref="CredentialKind.ApiKey"/>.</summary>
    Guid? ApiKeyId { get; }

    /// <summary>The one table an ingest token writes to, for <see cref="CredentialKind.IngestToken"/>.</summary>
    Guid? DataTableId { get; }

    bool HasScope(string scope);
}
