namespace CXGear.Application.Common.Abstractions;

/// <summary>Who an organization API key is, once its secret checked out.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid OrganizationId, IReadOnlyList<string> Scopes);

/// <summary>Checks a presented <c>cxg_</c> secret on every integration request; null for any kind of failure.</summary>
public interface IApiKeyAuthenticator
{
    Task<ApiKeyIdentity?> AuthenticateAsync(string secret, string ipAddress, CancellationToken cancellationToken);
}
