using System.Text;
using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.ExchangeSignInCode;

/// <summary>
/// <c>POST /auth/exchange</c>: swaps the one-time code of a provider sign-in for the normal login response. The
/// session is created here, by <see cref="SessionSignIn"/> like a password login, so a live session elsewhere is 409
/// SESSION_CONFLICT with the same body, and <c>takeover</c> works the same way.
/// </summary>
/// <remarks>
/// The code is spent by a conditional update in this command's transaction: of two racing exchanges one wins, and a
/// used, expired or unknown code is 401 INVALID_CREDENTIALS (one body for all). A SESSION_CONFLICT rolls the spend
/// back with the rest, so the web app can ask again with <c>takeover</c> while the code lives.
/// </remarks>
public sealed record ExchangeSignInCodeCommand(string Code, string? DeviceLabel, bool Takeover) : ICommand<AuthResult>, IAllowAnonymous
{
    /// <summary>The code is a credential; no log line prints it.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("DeviceLabel = ").Append(DeviceLabel).Append(", Takeover = ").Append(Takeover);
        return true;
    }
}

public sealed class ExchangeSignInCodeHandler(IApplicationDbContext db, SessionSignIn signIn, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ExchangeSignInCodeCommand, AuthResult>
{
    public async ValueTask<AuthResult> Handle(ExchangeSignInCodeCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = OpaqueTokens.Hash(command.Code);
        var code = await db.SignInCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == hash, cancellationToken);
        var spent = code is not null && code.IsUsableAt(now)
            && await db.SignInCodes
                .Where(c => c.Id == code.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;
        if (!spent)
        {
            throw new CXGearException(ErrorCodes.InvalidCredentials, "This sign-in code is not valid: it works once, within 60 seconds. Sign in again.");
        }

        var user = await db.Users.IgnoreQueryFilters().FirstAsync(u => u.Id == code!.UserId, cancellationToken);
        if (!user.IsActive)
        {
            // Disabled between the callback and the exchange: refused like a password login, the code stays spent.
            audit.Record(
                AuditEventTypes.LoginFailed,
                new { email = user.Email.ToLowerInvariant(), reason = LoginFailureReasons.UserDisabled, method = code!.Provider },
                user.OrganizationId,
                user.Id);
            throw new CXGearException(ErrorCodes.InvalidCredentials, "This sign-in code is not valid: it works once, within 60 seconds. Sign in again.")
            {
                KeepsChanges = true,
            };
        }

        return await signIn.StartAsync(user, command.DeviceLabel, command.Takeover, code!.Provider, now, cancellationToken);
    }
}
