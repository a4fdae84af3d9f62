namespace CXGear.Application.Auth.Common;

/// <summary>
/// The OpenID provider behind Sign in with Google (Infrastructure: discovery, JWKS and the token endpoint through
/// Microsoft.IdentityModel). It checks the ID token's signature, issuer, audience and lifetime; the use case checks
/// what is ours to decide (the nonce, a verified email, whose account it is).
/// </summary>
public interface IOpenIdProvider
{
    /// <summary>The provider's authorization URL with our client, redirect URI, state, nonce and PKCE challenge.</summary>
    Task<string> AuthorizationUrlAsync(OpenIdAuthorization request, CancellationToken cancellationToken);

    /// <summary>Redeems an authorization code with its PKCE verifier and returns the validated ID token's claims.</summary>
    /// <exception cref="OpenIdProviderException">The provider failed or refused, or its ID token is not valid.</exception>
    Task<OpenIdIdentity> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken);
}

public sealed record OpenIdAuthorization(string RedirectUri, string State, string Nonce, string CodeChallenge);

/// <summary>What a validated ID token says: <c>sub</c>, <c>email</c>, <c>email_verified</c> and the <c>nonce</c> it carries.</summary>
public sealed record OpenIdIdentity(string Subject, string? Email, bool EmailVerified, string? Nonce);

/// <summary>
/// The provider could not be used (unreachable, refused the code) or its ID token failed validation. The message is
/// ours; the provider's own text is never carried, so nothing it says reaches a redirect or a log line unescaped.
/// </summary>
public sealed class OpenIdProviderException(bool invalidToken, string message) : Exception(message)
{
    /// <summary>True when the ID token came back but failed validation (signature, issuer, audience, lifetime).</summary>
    public bool InvalidToken { get; } = invalidToken;
}
