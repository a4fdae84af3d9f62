namespace CXGear.Application.Common.Abstractions;

public enum CredentialKind
{
    Anonymous = 0,
    User = 1,
    ApiKey = 2,

    /// <summary>A platform operator's JWT: /admin routes only.</summary>
    Operator = 3,
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

    bool HasScope(string scope);
}
