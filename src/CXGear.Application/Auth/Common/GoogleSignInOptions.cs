namespace CXGear.Application.Auth.Common;

/// <summary>
/// <c>Auth:Google</c>: the OAuth client this deployment signs users in with, and the OpenID provider that issued it
/// (Google's by default; tests and staging point <see cref="Authority"/> at a local fake). Sign in with Google is offered
/// only when both <see cref="ClientId"/> and <see cref="ClientSecret"/> are set.
/// </summary>
public sealed class GoogleSignInOptions
{
    public const string Section = "Auth:Google";

    public const string DefaultAuthority = "https://accounts.google.com";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The issuer whose <c>/.well-known/openid-configuration</c> names the endpoints and signing keys.</summary>
    public string Authority { get; set; } = DefaultAuthority;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
