namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Who an organization API key is, once its secret checked out. <paramref name="OrganizationSuspended"/>: a good key of
/// a suspended organization, refused with 403 ORGANIZATION_SUSPENDED rather than as an invalid key.
/// </summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid OrganizationId, IReadOnlyList<string> Scopes, bool OrganizationSuspended = false);

/// <summary>Checks a presented <c>cxg_</c> secret on every integration request; null for any kind of failure.</summary>
public interface IApiKeyAuthenticator
{
    Task<ApiKeyIdentity?> AuthenticateAsync(string secret, string ipAddress, CancellationToken cancellationToken);
}
