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
    public async Task<ActionResult<AuthResult>> SignUp(SignUpCommand command, CancellationToken cancellationToken)
    {
        var result = await sender.Send(command, cancellationToken);
        return Created("/api/v1/me", result);
    }

    /// <summary>Signs in. One open session per user: a live session on another device answers 409 unless <c>takeover</c> is true.</summary>
    [HttpPost("login")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.InvalidCredentials, ErrorCodes.SessionConflict, ErrorCodes.Conflict, ErrorCodes.AccountLocked)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Login(LoginCommand command, CancellationToken cancellationToken) =>
        await sender.Send(command, cancellationToken);

    /// <summary>Trades a refresh token for a new pair. Each refresh token works once; replaying one ends the session.</summary>
    [HttpPost("refresh")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.TokenInvalid, ErrorCodes.SessionExpired, ErrorCodes.SessionRevoked, ErrorCodes.SessionReplaced)]
    [ProducesResponseType<AuthResult>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuthResult>> Refresh(RefreshCommand command, CancellationToken cancellationToken) =>
        await sender.Send(command, cancellationToken);

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
    public async Task<IActionResult> ForgotPassword(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return Accepted();
    }

    /// <summary>Sets a new password with the mailed token (single use, one hour) and ends every session of the user.</summary>
    [HttpPost("password/reset")]
    [AllowAnonymous]
    [ProducesErrors(ErrorCodes.InvalidResetToken)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ResetPassword(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return NoContent();
    }

    /// <summary>Changes the caller's password; every other session of the user ends.</summary>
    [HttpPost("password/change")]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ChangePassword(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        await sender.Send(command, cancellationToken);
        return NoContent();
    }
}
