using System.Security.Claims;
using CXGear.Api.Errors;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using CXGear.Domain.Sessions;
using CXGear.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CXGear.Api.Authentication;

/// <summary>
/// Turns JWT bearer outcomes into the contract's codes, and checks the session behind <c>sid</c> on every
/// request: a signature alone does not prove the session is still open.
/// </summary>
internal sealed class JwtSessionEvents : JwtBearerEvents
{
    private const string FailureKey = "cxgear.auth.failure";

    public JwtSessionEvents()
    {
        OnAuthenticationFailed = context =>
        {
            context.HttpContext.Items[FailureKey] = context.Exception is SecurityTokenExpiredException
                ? new CXGearException(ErrorCodes.TokenExpired, "The access token has expired. Refresh it or sign in again.")
                    .WithHint(ErrorHints.SessionInScript)
                : InvalidToken();
            return Task.CompletedTask;
        };

        OnTokenValidated = async context =>
        {
            var principal = context.Principal!;
            if (!Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var userId)
                || !Guid.TryParse(principal.FindFirstValue(JwtAccessTokenIssuer.SessionClaim), out var sessionId)
                || !Guid.TryParse(principal.FindFirstValue(JwtAccessTokenIssuer.OrganizationClaim), out _))
            {
                Fail(context, InvalidToken());
                return;
            }

            var sessions = context.HttpContext.RequestServices.GetRequiredService<ISessionValidator>();
            var state = await sessions.ValidateAsync(sessionId, userId, context.HttpContext.RequestAborted);
            if (state == SessionState.OrganizationSuspended)
            {
                Fail(context, state.ToException());
            }
            else if (state != SessionState.Live)
            {
                Fail(context, state.ToException().WithHint(ErrorHints.SessionInScript));
            }
        };

        OnChallenge = async context =>
        {
            context.HandleResponse();
            var error = context.HttpContext.Items[FailureKey] as CXGearException
                ?? new CXGearException(ErrorCodes.Unauthenticated, "Sign in to continue: this route needs a Bearer token.");
            // A refusal that is not about the token (a suspended organization, 403) carries no challenge.
            if (ErrorStatus.For(error.Code) == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = error.Code == ErrorCodes.Unauthenticated ? "Bearer" : "Bearer error=\"invalid_token\"";
            }

            await Problems.WriteAsync(context.HttpContext, error);
        };

        OnForbidden = context => Problems.WriteAsync(
            context.HttpContext,
            new CXGearException(ErrorCodes.Forbidden, "You do not have access to this resource."));
    }

    private static CXGearException InvalidToken() =>
        new(ErrorCodes.TokenInvalid, "The access token is not valid. Sign in again.");

    private static void Fail(TokenValidatedContext context, CXGearException error)
    {
        context.HttpContext.Items[FailureKey] = error;
        context.Fail(error.Code);
    }
}
