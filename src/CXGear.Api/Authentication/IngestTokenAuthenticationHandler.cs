using System.Security.Claims;
using System.Text.Encodings.Web;
using CXGear.Api.Errors;
using CXGear.Api.Idempotency;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Idempotency;
using CXGear.Domain.Common;
using CXGear.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CXGear.Api.Authentication;

/// <summary>
/// Authenticates a table's webhook call by its <c>cxgt_</c> token, taken from the path
/// (<c>/public/data-tables/ingest/{token}</c>) or the <c>X-Ingest-Token</c> header (docs/api.md#table-ingest-tokens), before rate
/// limiting and idempotency run: both then count per table, never per guessable string. Malformed, unknown and
/// rotated tokens get one identical 401 INVALID_INGEST_TOKEN.
/// </summary>
internal sealed class IngestTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IIngestTokenAuthenticator tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Ingest-Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await tokens.AuthenticateAsync(token, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail(ErrorCodes.InvalidIngestToken);
        }

        if (identity.OrganizationSuspended)
        {
            return SuspendedCredential.Fail(Context);
        }

        Context.Features.Set(new IdempotencyScopeFeature(IdempotencyKeys.WebhookScope(identity.DataTableId)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(AuthSchemes.TableIdClaim, identity.DataTableId.ToString()),
                new Claim(JwtAccessTokenIssuer.OrganizationClaim, identity.OrganizationId.ToString()),
            ],
            AuthSchemes.IngestToken));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AuthSchemes.IngestToken));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!await SuspendedCredential.TryWriteAsync(Context))
        {
            await Problems.WriteAsync(Context, new CXGearException(ErrorCodes.InvalidIngestToken, "Invalid ingest token"));
        }
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, new CXGearException(ErrorCodes.Forbidden, "You do not have access to this resource."));

    /// <summary>The path segment after the webhook route, else the header; null when neither is there.</summary>
    private static string? TokenOf(HttpRequest request)
    {
        if (request.Path.StartsWithSegments(AuthSchemes.WebhookIngestPath, StringComparison.OrdinalIgnoreCase, out var rest)
            && rest.Value?.Trim('/') is { Length: > 0 } segment)
        {
            return segment;
        }

        return request.Headers[HeaderName].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }
}
