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
/// Authenticates <c>Authorization: Bearer cxg_…</c> (any case of <c>Bearer</c>). Every failure (no key, malformed, bad
/// checksum, unknown, revoked, expired, past its rotation grace) gets the same 401 body, so the answer says nothing about
/// which it was; only a credential that is not a key at all (a user's JWT) is told to use one.
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
        if (BearerCredential.Read(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await keys.AuthenticateAsync(token, client.IpAddress, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail(ErrorCodes.InvalidApiKey);
        }

        if (identity.OrganizationSuspended)
        {
            return SuspendedCredential.Fail(Context);
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
    /// 401 INVALID_API_KEY, "Invalid API key", as the product's troubleshooting table words it for a wrong key, a revoked
    /// key or a missing Bearer alike (docs/api.md#api-keys). The hint tells a caller who sent something that is not a key
    /// (a user's JWT, a table token) to use one; every other caller gets the one hint to check or replace the key.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (await SuspendedCredential.TryWriteAsync(Context))
        {
            return;
        }

        var sentCredential = !string.IsNullOrWhiteSpace(Request.Headers.Authorization.ToString());

        // RFC 6750 §3.1: no credential gets a bare challenge; a refused one says the token was invalid.
        Response.Headers.WWWAuthenticate = sentCredential ? "Bearer error=\"invalid_token\"" : "Bearer";
        var hint = sentCredential && !BearerCredential.IsApiKey(Request) ? ErrorHints.UseApiKey : ErrorHints.CheckApiKey;
        await Problems.WriteAsync(Context, new CXGearException(ErrorCodes.InvalidApiKey, "Invalid API key").WithHint(hint));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, new CXGearException(ErrorCodes.Forbidden, "You do not have access to this resource."));
}
