using System.Security.Cryptography;
using System.Text;
using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Auth.Commands.CompleteGoogleSignIn;

/// <summary>
/// <c>GET /auth/google/callback</c>: Google sends the browser back with a code and our state. The state must match
/// the protected cookie <c>GET /auth/google</c> set in this browser; the code is redeemed with the cookie's PKCE
/// verifier; the ID token must be valid and carry the cookie's nonce and a verified email, and that email must be
/// an active user's. The answer is a one-time code for <c>POST /auth/exchange</c>, which creates the session by the
/// password login's rules. Every refusal is a <see cref="GoogleSignInRefused"/> reason for the redirect.
/// </summary>
/// <remarks>
/// Staged (<see cref="IStagedCommand"/>): the calls to Google run before the write turn is taken; the unit of work
/// then saves the code (and the audit trail of a refusal) in one transaction.
/// </remarks>
public sealed record CompleteGoogleSignInCommand(string? Code, string? State, string? Error, string? StateCookie)
    : ICommand<GoogleSignInCompleted>, IAllowAnonymous, IStagedCommand
{
    /// <summary>The code, the state and the cookie are credentials; no log line prints them.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Error = ").Append(Error);
        return true;
    }
}

/// <summary>The one-time code for <c>POST /auth/exchange</c> and the web app path to go to afterwards.</summary>
public sealed record GoogleSignInCompleted(string Code, string ReturnUrl);

public sealed partial class CompleteGoogleSignInHandler(
    IApplicationDbContext db,
    IOptions<GoogleSignInOptions> options,
    IOpenIdProvider provider,
    ISignInStateProtector protector,
    IPublicApiUrl publicUrl,
    IIdentityService identity,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<CompleteGoogleSignInHandler> logger) : ICommandHandler<CompleteGoogleSignInCommand, GoogleSignInCompleted>
{
    private const int MaxCodeLength = 4_096;

    public async ValueTask<GoogleSignInCompleted> Handle(CompleteGoogleSignInCommand command, CancellationToken cancellationToken)
    {
        GoogleSignInRoutes.EnsureConfigured(options);
        var now = clock.GetUtcNow().UtcDateTime;
        var state = ReadState(command, now);
        if (!string.IsNullOrEmpty(command.Error))
        {
            throw command.Error == "access_denied"
                ? GoogleSignInRefused.Error(GoogleSignInRefused.AccessDenied, "The sign-in was cancelled at Google.")
                : GoogleSignInRefused.Error(GoogleSignInRefused.ProviderError, "Google did not complete the sign-in.");
        }

        if (command.Code is not { Length: > 0 and <= MaxCodeLength } code)
        {
            throw GoogleSignInRefused.Error(GoogleSignInRefused.ProviderError, "Google sent no authorization code.");
        }

        var email = await RedeemAsync(code, state, cancellationToken);
        var accountId = await identity.FindAccountIdAsync(email, cancellationToken);
        var user = accountId is { } id ? await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        if (user is null)
        {
            RecordRefusal(email, LoginFailureReasons.NoAccount, null, null);
            throw GoogleSignInRefused.Error(GoogleSignInRefused.NoAccount, "No account has this Google address; ask your admin for an invitation.", keepsChanges: true);
        }

        if (!user.IsActive)
        {
            // Like a password login for a disabled user (docs/api.md#auth): refused, and the attempt kept on the account.
            RecordRefusal(email, LoginFailureReasons.UserDisabled, user.OrganizationId, user.Id);
            throw GoogleSignInRefused.Error(GoogleSignInRefused.Disabled, "This account is disabled.", keepsChanges: true);
        }

        // Codes this user never swapped, or swapped already, are of no further use.
        db.SignInCodes.RemoveRange(await db.SignInCodes.Where(SignInCode.Spent.At(now)).Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        var oneTimeCode = OpaqueTokens.New();
        db.SignInCodes.Add(SignInCode.Issue(OpaqueTokens.Hash(oneTimeCode), user.Id, GoogleSignInRoutes.Provider, now));
        return new GoogleSignInCompleted(oneTimeCode, state.ReturnUrl);
    }

    /// <summary>The cookie's state, if it is ours, unexpired, and matches the <c>state</c> Google echoed (fixed-time).</summary>
    private GoogleSignInState ReadState(CompleteGoogleSignInCommand command, DateTime now)
    {
        var state = string.IsNullOrEmpty(command.StateCookie) ? null : protector.Unprotect(command.StateCookie);
        if (state is null || state.ExpiresAt <= now || command.State is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(command.State), Encoding.UTF8.GetBytes(state.State)))
        {
            throw GoogleSignInRefused.Error(GoogleSignInRefused.InvalidState, "The sign-in link is not valid in this browser or has expired (it lives 10 minutes); start again.");
        }

        return state;
    }

    private async Task<string> RedeemAsync(string code, GoogleSignInState state, CancellationToken cancellationToken)
    {
        OpenIdIdentity identity;
        try
        {
            identity = await provider.RedeemCodeAsync(code, state.CodeVerifier, GoogleSignInRoutes.RedirectUri(publicUrl), cancellationToken);
        }
        catch (OpenIdProviderException error)
        {
            ProviderRefused(logger, error.InvalidToken, error.Message);
            throw error.InvalidToken
                ? GoogleSignInRefused.Error(GoogleSignInRefused.InvalidToken, "Google's answer could not be verified; start again.")
                : GoogleSignInRefused.Error(GoogleSignInRefused.ProviderError, "Google did not complete the sign-in; try again in a moment.");
        }

        // The nonce ties the ID token to this browser's request: a token minted for another sign-in is refused.
        if (identity.Nonce is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(identity.Nonce), Encoding.UTF8.GetBytes(state.Nonce)))
        {
            ProviderRefused(logger, true, "The ID token's nonce does not match the sign-in's.");
            throw GoogleSignInRefused.Error(GoogleSignInRefused.InvalidToken, "Google's answer could not be verified; start again.");
        }

        if (string.IsNullOrWhiteSpace(identity.Email) || !identity.EmailVerified)
        {
            throw GoogleSignInRefused.Error(GoogleSignInRefused.EmailUnverified, "Google has not verified this address, so it cannot sign in here.");
        }

        return identity.Email;
    }

    /// <summary>The attempt is audited like a failed password login (the address, never a token), with the method.</summary>
    private void RecordRefusal(string email, string reason, Guid? organizationId, Guid? userId) =>
        audit.Record(
            AuditEventTypes.LoginFailed,
            new { email = email.Trim().ToLowerInvariant(), reason, method = GoogleSignInRoutes.Provider },
            organizationId,
            userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Google sign-in refused (invalid token: {InvalidToken}): {Detail}")]
    private static partial void ProviderRefused(ILogger logger, bool invalidToken, string detail);
}
