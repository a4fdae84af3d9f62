using CXGear.Api.OpenApi;
using CXGear.Application.Auth.Commands.ChangePassword;
using CXGear.Application.Auth.Commands.ForgotPassword;
using CXGear.Application.Auth.Commands.Login;
using CXGear.Application.Auth.Commands.Logout;
using CXGear.Application.Auth.Commands.Refresh;
using CXGear.Application.Auth.Commands.ResetPassword;
using CXGear.Application.Auth.Commands.SignUp;
using CXGear.Application.Auth.Common;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>Sign-up, sign-in, token refresh and password recovery.</summary>
[Route("api/v1/auth")]
public sealed class AuthController(ISender sender) : ApiControllerBase
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
        return Created("/api/v1/me", result);
    }

    /// <summary>Signs in. One open session per user: a live session on another device answers 409 unless <c>takeover</c> is true.</summary>
    [HttpPost("login")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.InvalidCredentials, ErrorCodes.SessionConflict, ErrorCodes.Conflict, ErrorCodes.AccountLocked, ErrorCodes.OrganizationSuspended)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Login(LoginRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new LoginCommand(request.Email, request.Password, request.DeviceLabel, request.Takeover), cancellationToken);

    /// <summary>Trades a refresh token for a new pair. Each refresh token works once; replaying one ends the session.</summary>
    [HttpPost("refresh")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.TokenInvalid, ErrorCodes.SessionExpired, ErrorCodes.SessionRevoked, ErrorCodes.SessionReplaced, ErrorCodes.OrganizationSuspended)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Refresh(RefreshRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new RefreshCommand(request.RefreshToken), cancellationToken);

    /// <summary>Ends the caller's session.</summary>
    [HttpPost("logout")]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        await sender.Send(new LogoutCommand(), cancellationToken);
        return NoContent();
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

/// <summary>The refresh token of the last sign-in or refresh.</summary>
public sealed record RefreshRequest(string RefreshToken);

/// <summary>The email of the account whose password to reset.</summary>
public sealed record ForgotPasswordRequest(string Email);

/// <summary>The account's email, the token from the reset mail, and the new password.</summary>
public sealed record ResetPasswordRequest(string Email, string Token, string NewPassword);

/// <summary>The caller's current password and the new one, which must differ from it.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
