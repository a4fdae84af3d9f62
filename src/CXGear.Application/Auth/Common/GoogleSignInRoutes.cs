using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Auth.Common;

/// <summary>Where the provider sends the browser back, and the answer when Sign in with Google is not set up here.</summary>
public static class GoogleSignInRoutes
{
    public const string CallbackPath = "/api/v1/auth/google/callback";

    public const string Provider = "google";

    /// <summary>
    /// <c>PUBLIC_API_URL</c> + the callback path: the same at the authorization request and the code exchange, and never
    /// taken from a Host header in production (where the setting is required to start).
    /// </summary>
    public static string RedirectUri(IPublicApiUrl publicUrl) =>
        (publicUrl.CallbackBaseUrl ?? throw new CXGearException(
            ErrorCodes.Conflict,
            $"PUBLIC_API_URL is not set. Google sends the browser back to PUBLIC_API_URL + {CallbackPath}; set it to this API's public URL and register that redirect URI with the OAuth client."))
        + CallbackPath;

    /// <summary>404 NOT_FOUND: without a client id and secret the Google routes do not exist on this server.</summary>
    public static void EnsureConfigured(IOptions<GoogleSignInOptions> options)
    {
        if (!options.Value.IsConfigured)
        {
            throw new CXGearException(ErrorCodes.NotFound, "Sign in with Google is not set up on this server (GET /auth/providers says which sign-ins are).");
        }
    }
}
