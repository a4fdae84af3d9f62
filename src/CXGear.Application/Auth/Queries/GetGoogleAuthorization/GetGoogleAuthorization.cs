using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using Mediator;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Auth.Queries.GetGoogleAuthorization;

/// <summary>
/// <c>GET /auth/google</c>: a fresh state, nonce and PKCE verifier, the provider's authorization URL that carries
/// them (the verifier only as its S256 challenge), and the protected cookie value that remembers them for the
/// callback. Nothing is stored: the cookie is the only copy, bound to this browser.
/// </summary>
public sealed record GetGoogleAuthorizationQuery(string? ReturnUrl) : IQuery<GoogleAuthorization>, IAllowAnonymous;

/// <summary>Where to send the browser, and the state cookie to set on that redirect.</summary>
public sealed record GoogleAuthorization(string AuthorizeUrl, string StateCookie, DateTime ExpiresAt);

public sealed class GetGoogleAuthorizationHandler(
    IOptions<GoogleSignInOptions> options,
    IOpenIdProvider provider,
    ISignInStateProtector protector,
    IPublicApiUrl publicUrl,
    IWebAppLinks links,
    TimeProvider clock) : IQueryHandler<GetGoogleAuthorizationQuery, GoogleAuthorization>
{
    public async ValueTask<GoogleAuthorization> Handle(GetGoogleAuthorizationQuery query, CancellationToken cancellationToken)
    {
        GoogleSignInRoutes.EnsureConfigured(options);
        var redirectUri = GoogleSignInRoutes.RedirectUri(publicUrl);
        var now = clock.GetUtcNow().UtcDateTime;

        // The validator refused return URLs that leave the web app; no return URL means the web app's home.
        var returnUrl = string.IsNullOrEmpty(query.ReturnUrl) ? "/" : links.AppPath(query.ReturnUrl) ?? "/";
        var state = new GoogleSignInState(OpaqueTokens.New(), OpaqueTokens.New(), Pkce.NewVerifier(), returnUrl, now + GoogleSignInState.Lifetime);
        string authorizeUrl;
        try
        {
            authorizeUrl = await provider.AuthorizationUrlAsync(
                new OpenIdAuthorization(redirectUri, state.State, state.Nonce, Pkce.Challenge(state.CodeVerifier)), cancellationToken);
        }
        catch (OpenIdProviderException)
        {
            throw GoogleSignInRefused.Error(GoogleSignInRefused.ProviderError, "Google cannot be reached just now; try again in a moment.");
        }

        return new GoogleAuthorization(authorizeUrl, protector.Protect(state), state.ExpiresAt);
    }
}
