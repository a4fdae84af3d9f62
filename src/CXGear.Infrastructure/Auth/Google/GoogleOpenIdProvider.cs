using System.Text.Json;
using CXGear.Application.Auth.Common;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Infrastructure.Auth.Google;

/// <summary>
/// Sign in with Google as an OpenID Connect client: the authorization URL from the discovery document, the code
/// redeemed at its token endpoint with our secret and the PKCE verifier, and the ID token validated by
/// <see cref="JsonWebTokenHandler"/> against the discovery document's issuer and JWKS (refetched once when the token
/// names an unknown key), our client id as audience, RS256 only, and a lifetime read on the app's clock.
/// </summary>
internal sealed class GoogleOpenIdProvider(
    IOptions<GoogleSignInOptions> options,
    GoogleDiscovery discovery,
    IHttpClientFactory httpClients,
    TimeProvider clock) : IOpenIdProvider
{
    /// <summary>Google's ID tokens name either form of its issuer (its OpenID documentation says to accept both).</summary>
    private const string GoogleBareIssuer = "accounts.google.com";

    /// <summary>The same tolerance as our own access tokens (docs/api.md#user-access-tokens-and-sessions).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly JsonWebTokenHandler Tokens = new();

    public async Task<string> AuthorizationUrlAsync(OpenIdAuthorization request, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        if (string.IsNullOrEmpty(configuration.AuthorizationEndpoint))
        {
            throw new OpenIdProviderException(false, "The discovery document names no authorization endpoint.");
        }

        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = options.Value.ClientId!,
            ["redirect_uri"] = request.RedirectUri,
            ["scope"] = "openid email profile",
            ["state"] = request.State,
            ["nonce"] = request.Nonce,
            ["code_challenge"] = request.CodeChallenge,
            ["code_challenge_method"] = Pkce.Method,
        };
        var separator = configuration.AuthorizationEndpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return configuration.AuthorizationEndpoint + separator
            + string.Join("&", query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }

    public async Task<OpenIdIdentity> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var idToken = await RedeemAsync(configuration, code, codeVerifier, redirectUri, cancellationToken);

        // With the configuration manager set, the handler takes the issuer and keys from the cached discovery document.
        // A token naming a key the cache lacks means the provider rotated its keys: validate once more against keys
        // fetched now.
        var result = await Tokens.ValidateTokenAsync(idToken, Parameters(null));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await RefetchAsync(cancellationToken) is { } fresh)
        {
            result = await Tokens.ValidateTokenAsync(idToken, Parameters(fresh));
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw new OpenIdProviderException(true, $"The ID token is not valid ({result.Exception?.GetType().Name ?? "unreadable"}).");
        }

        // With several audiences the token must be meant for us in particular (OpenID Connect Core 3.1.3.7).
        if (token.Audiences.Count() > 1 && (!token.TryGetPayloadValue<string>("azp", out var azp) || azp != options.Value.ClientId))
        {
            throw new OpenIdProviderException(true, "The ID token has several audiences and is not authorized for this client.");
        }

        return new OpenIdIdentity(
            token.Subject,
            token.TryGetPayloadValue<string>("email", out var email) ? email : null,
            EmailVerified(token),
            token.TryGetPayloadValue<string>("nonce", out var nonce) ? nonce : null);
    }

    /// <param name="fresh">Configuration fetched just now, or null for the manager's cached one.</param>
    private TokenValidationParameters Parameters(OpenIdConnectConfiguration? fresh)
    {
        var authority = options.Value.Authority.TrimEnd('/');
        var alsoValid = authority == GoogleSignInOptions.DefaultAuthority ? new[] { GoogleBareIssuer } : [];
        return new TokenValidationParameters
        {
            ConfigurationManager = fresh is null ? discovery.Manager : null,
            ValidIssuers = fresh is null ? alsoValid : [fresh.Issuer, .. alsoValid],
            IssuerSigningKeys = fresh?.SigningKeys,
            ValidAudience = options.Value.ClientId,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateIssuerSigningKey = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, parameters) =>
                TokenLifetime.Validate(notBefore, expires, parameters.ClockSkew, clock.GetUtcNow().UtcDateTime),
        };
    }

    /// <summary><c>email_verified</c> is a JSON boolean from Google, a string from some providers.</summary>
    private static bool EmailVerified(JsonWebToken token) =>
        (token.TryGetPayloadValue<bool>("email_verified", out var verified) && verified)
        || (token.TryGetPayloadValue<string>("email_verified", out var text) && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase));

    private async Task<OpenIdConnectConfiguration?> RefetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await discovery.RefetchAsync(cancellationToken);
        }
        catch (Exception error) when (error is InvalidOperationException or HttpRequestException or IOException)
        {
            throw new OpenIdProviderException(false, "The provider's discovery document could not be read again.");
        }
    }

    private async Task<OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await discovery.Manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The manager wraps every retrieval failure (network, status, JSON, https rule) in this one type.
            throw new OpenIdProviderException(false, "The provider's discovery document could not be read.");
        }
    }

    private async Task<string> RedeemAsync(
        OpenIdConnectConfiguration configuration, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(configuration.TokenEndpoint))
        {
            throw new OpenIdProviderException(false, "The discovery document names no token endpoint.");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = options.Value.ClientId!,
            ["client_secret"] = options.Value.ClientSecret!,
            ["code_verifier"] = codeVerifier,
        });
        try
        {
            var http = httpClients.CreateClient(GoogleDiscovery.HttpClientName);
            using var response = await http.PostAsync(configuration.TokenEndpoint, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // Only the status is kept: the provider's error text is not ours to repeat.
                throw new OpenIdProviderException(false, $"The token endpoint answered {(int)response.StatusCode}.");
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("id_token", out var idToken)
                && idToken.ValueKind == JsonValueKind.String
                && idToken.GetString() is { Length: > 0 } value
                    ? value
                    : throw new OpenIdProviderException(false, "The token endpoint answered without an ID token.");
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new OpenIdProviderException(false, $"The token endpoint could not be reached or read ({error.GetType().Name}).");
        }
    }
}
