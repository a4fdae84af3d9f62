namespace CXGear.Application.Common.Abstractions;

public sealed record AccessToken(string Token, DateTime ExpiresAt, int ExpiresInSeconds);

/// <summary>Signs the short-lived user access token (JWT with <c>sub</c>, <c>org</c>, <c>sid</c>).</summary>
public interface IAccessTokenIssuer
{
    AccessToken Issue(Guid userId, Guid organizationId, Guid sessionId);
}
