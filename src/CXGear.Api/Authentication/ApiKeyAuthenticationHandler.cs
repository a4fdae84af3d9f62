using System.Security.Claims;
using System.Text.Encodings.Web;
using CXGear.Api.Errors;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using CXGear.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CXGear.Api.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer cxg_…</c>. Every failure (malformed, bad checksum, unknown, revoked,
/// expired, past its rotation grace) gets the same 401 body, so the answer says nothing about which it was.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyAuthenticator keys,
    IClientInfo client)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), client.IpAddress, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail(ErrorCodes.InvalidApiKey);
        }

        List<Claim> claims =
        [
            new(AuthSchemes.KeyIdClaim, identity.KeyId.ToString()),
            new(JwtAccessTokenIssuer.OrganizationClaim, identity.OrganizationId.ToString()),
        ];
        claims.AddRange(identity.Scopes.Select(s => new Claim(AuthSchemes.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.ApiKey));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemes.ApiKey));
    }

    /// <summary>
    /// No credentials at all is UNAUTHENTICATED (docs/api.md#api-keys); any credential that is not a valid key — a JWT or a
    /// table token on /public included — is the one INVALID_API_KEY body.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (string.IsNullOrWhiteSpace(Request.Headers.Authorization.ToString()))
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(Context, new CXGearException(ErrorCodes.Unauthenticated, "Send an API key: Authorization: Bearer cxg_…"));
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await Problems.WriteAsync(Context, new CXGearException(ErrorCodes.InvalidApiKey, "Invalid API key"));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, new CXGearException(ErrorCodes.Forbidden, "You do not have access to this resource."));
}
