using CXGear.Api.Authentication;
using CXGear.Api.OpenApi;
using CXGear.Application.Auth.Commands.ChangePassword;
using CXGear.Application.Auth.Commands.CompleteGoogleSignIn;
using CXGear.Application.Auth.Commands.ExchangeSignInCode;
using CXGear.Application.Auth.Commands.ForgotPassword;
using CXGear.Application.Auth.Commands.Login;
using CXGear.Application.Auth.Commands.Logout;
using CXGear.Application.Auth.Commands.Refresh;
using CXGear.Application.Auth.Commands.ResetPassword;
using CXGear.Application.Auth.Commands.SignUp;
using CXGear.Application.Auth.Common;
using CXGear.Application.Auth.Queries.GetGoogleAuthorization;
using CXGear.Application.Auth.Queries.GetSignInProviders;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CXGear.Api.Controllers;

/// <summary>Sign-up, sign-in, token refresh and password recovery.</summary>
[Route("api/v1/auth")]
public sealed class AuthController(ISender sender, IWebAppLinks links, BrowserRefreshCookie refreshCookie, TimeProvider clock) : ApiControllerBase
{
    /// <summary>Creates an organization (Trial plan) with its first Admin, and signs that Admin in.</summary>
    [HttpPost("signup")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.EmailTaken)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status201Created)]
    public async Task<ActionResult<AuthResult>> SignUp(SignUpRequest request, CancellationToken cancellationToken)
    {
        var result = await sender.Send(
            new SignUpCommand(request.FullName, request.OrganizationName, request.Email, request.Password, request.DeviceLabel), cancellationToken);
        refreshCookie.Issue(Response, result);
        return Created("/api/v1/me", result);
    }

    /// <summary>Signs in. One open session per user: a live session on another device answers 409 unless <c>takeover</c> is true.</summary>
    [HttpPost("login")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.InvalidCredentials, ErrorCodes.SessionConflict, ErrorCodes.Conflict, ErrorCodes.AccountLocked, ErrorCodes.OrganizationSuspended)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Login(LoginRequest request, CancellationToken cancellationToken) =>
        SignedIn(await sender.Send(new LoginCommand(request.Email, request.Password, request.DeviceLabel, request.Takeover), cancellationToken));

    /// <summary>Which sign-ins this server offers: password always, Google when it is configured.</summary>
    [HttpGet("providers")]
    [AllowAnonymous]
    [ProducesResponseType<SignInProviders>(StatusCodes.Status200OK)]
    public async Task<ActionResult<SignInProviders>> Providers(CancellationToken cancellationToken) =>
        await sender.Send(new GetSignInProvidersQuery(), cancellationToken);

    /// <summary>
    /// Starts Sign in with Google: a 302 to Google's authorization endpoint (authorization code with PKCE), with the
    /// state, nonce and PKCE verifier in a short-lived, protected, HttpOnly cookie. 404 when Google is not configured;
    /// 400 when <c>returnUrl</c> leads outside the web app. If Google cannot be reached, a 302 to the web app's login
    /// page with <c>status=error&amp;reason=provider_error</c>.
    /// </summary>
    /// <param name="returnUrl">Where the web app goes after signing in: a path of the web app, or a URL on its own address.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpGet("google")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.NotFound)]
    [ProducesResponseType(StatusCodes.Status302Found)]
    public async Task<IActionResult> Google([FromQuery] string? returnUrl, CancellationToken cancellationToken)
    {
        try
        {
            var start = await sender.Send(new GetGoogleAuthorizationQuery(returnUrl), cancellationToken);
            Response.Cookies.Append(GoogleStateCookie.Name, start.StateCookie, GoogleStateCookie.Options(new DateTimeOffset(start.ExpiresAt, TimeSpan.Zero)));
            return Redirect(start.AuthorizeUrl);
        }
        catch (CXGearException refused) when (GoogleSignInRefused.ReasonOf(refused) is { } reason)
        {
            return Redirect(links.SignInFailed(reason));
        }
    }

    /// <summary>
    /// Google's redirect back; no credential but the state and its cookie. Always a 302 to the web app's
    /// <c>/login</c>: <c>status=success&amp;code=…&amp;returnUrl=…</c> with a one-time code (60 s, single use) for
    /// <c>POST /auth/exchange</c>, or <c>status=error&amp;reason=</c> invalid_state, access_denied, provider_error,
    /// invalid_token, email_unverified, no_account or disabled. No account is ever created here.
    /// </summary>
    /// <param name="code">The authorization code Google issued.</param>
    /// <param name="state">The state <c>GET /auth/google</c> sent, echoed by Google.</param>
    /// <param name="error">Set by Google when the user cancelled or the request failed.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    [HttpGet("google/callback")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.NotFound)]
    [ProducesResponseType(StatusCodes.Status302Found)]
    public async Task<IActionResult> GoogleCallback(
        [FromQuery] string? code, [FromQuery] string? state, [FromQuery] string? error, CancellationToken cancellationToken)
    {
        Request.Cookies.TryGetValue(GoogleStateCookie.Name, out var stateCookie);

        // One attempt per cookie, whatever comes of it: expired in the past, so the browser drops it at once.
        Response.Cookies.Append(GoogleStateCookie.Name, string.Empty, GoogleStateCookie.Options(clock.GetUtcNow().AddYears(-1)));
        try
        {
            var done = await sender.Send(new CompleteGoogleSignInCommand(code, state, error, stateCookie), cancellationToken);
            return Redirect(links.SignedIn(done.Code, done.ReturnUrl));
        }
        catch (CXGearException refused) when (GoogleSignInRefused.ReasonOf(refused) is { } reason)
        {
            return Redirect(links.SignInFailed(reason));
        }
    }

    /// <summary>
    /// Swaps the one-time code of a Google sign-in for the normal login response. The session starts here, by the
    /// login's rules: a live session on another device answers 409 SESSION_CONFLICT unless <c>takeover</c> is true (the
    /// code then stays usable for its 60 seconds). A used, expired or unknown code is 401 INVALID_CREDENTIALS.
    /// </summary>
    [HttpPost("exchange")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.InvalidCredentials, ErrorCodes.SessionConflict, ErrorCodes.Conflict)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Exchange(ExchangeRequest request, CancellationToken cancellationToken) =>
        SignedIn(await sender.Send(new ExchangeSignInCodeCommand(request.Code, request.DeviceLabel, request.Takeover), cancellationToken));

    /// <summary>Trades a refresh token for a new pair. Each refresh token works once; replaying one ends the session.</summary>
    /// <remarks>
    /// With the browser refresh cookie on (<c>Auth:RefreshCookie:Enabled</c>), the <c>cxg_refresh</c> cookie is used when
    /// the body names no token (the body may then be empty), and the next token is set in it.
    /// </remarks>
    [HttpPost("refresh")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.TokenInvalid, ErrorCodes.SessionExpired, ErrorCodes.SessionRevoked, ErrorCodes.SessionReplaced, ErrorCodes.OrganizationSuspended)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Refresh(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefreshRequest? request, CancellationToken cancellationToken)
    {
        var token = string.IsNullOrEmpty(request?.RefreshToken) ? refreshCookie.Read(Request) : request.RefreshToken;
        return SignedIn(await sender.Send(new RefreshCommand(token ?? string.Empty), cancellationToken));
    }

    /// <summary>Ends the caller's session.</summary>
    [HttpPost("logout")]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        await sender.Send(new LogoutCommand(), cancellationToken);
        refreshCookie.Clear(Response, clock.GetUtcNow());
        return NoContent();
    }

    /// <summary>The answer of every route that hands out a token pair; with the browser refresh cookie on, the cookie too.</summary>
    private AuthResult SignedIn(AuthResult result)
    {
        refreshCookie.Issue(Response, result);
        return result;
    }

    /// <summary>Mails a reset link if the email has an account. Always 202, so it reveals nothing.</summary>
    [HttpPost("password/forgot")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordRequest request, CancellationToken cancellationToken)
    {
        await sender.Send(new ForgotPasswordCommand(request.Email), cancellationToken);
        return Accepted();
    }

    /// <summary>Sets a new password with the mailed token (single use, one hour) and ends every session of the user.</summary>
    [HttpPost("password/reset")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.InvalidResetToken)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ResetPassword(ResetPasswordRequest request, CancellationToken cancellationToken)
    {
        await sender.Send(new ResetPasswordCommand(request.Email, request.Token, request.NewPassword), cancellationToken);
        return NoContent();
    }

    /// <summary>Changes the caller's password; every other session of the user ends.</summary>
    [HttpPost("password/change")]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        await sender.Send(new ChangePasswordCommand(request.CurrentPassword, request.NewPassword), cancellationToken);
        return NoContent();
    }
}

/// <summary>
/// Sign-up body: the founder's name, email and password, and the name of the organization to create.
/// <c>deviceLabel</c> names the new session; without it, one is derived from the User-Agent.
/// </summary>
public sealed record SignUpRequest(string FullName, string OrganizationName, string Email, string Password, string? DeviceLabel);

/// <summary>
/// Sign-in body. <c>deviceLabel</c> names the session (without it, one is derived from the User-Agent);
/// <c>takeover</c> ends a live session on another device instead of answering 409 SESSION_CONFLICT.
/// </summary>
public sealed record LoginRequest(string Email, string Password, string? DeviceLabel, bool Takeover);

/// <summary>
/// The one-time code from the Google callback's redirect. <c>deviceLabel</c> and <c>takeover</c> work as at login.
/// </summary>
public sealed record ExchangeRequest(string Code, string? DeviceLabel, bool Takeover);

/// <summary>
/// The refresh token of the last sign-in or refresh. Required, unless the browser refresh cookie is on and sent.
/// </summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>The email of the account whose password to reset.</summary>
public sealed record ForgotPasswordRequest(string Email);

/// <summary>The account's email, the token from the reset mail, and the new password.</summary>
public sealed record ResetPasswordRequest(string Email, string Token, string NewPassword);

/// <summary>The caller's current password and the new one, which must differ from it.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
