using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.ResetPassword;

/// <summary>Sets a new password with a mailed token; the token works once and every session of the user ends.</summary>
public sealed record ResetPasswordCommand(string Email, string Token, string NewPassword) : ICommand, IAllowAnonymous;

public sealed class ResetPasswordHandler(IApplicationDbContext db, IIdentityService identity, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand>
{
    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var accountId = await identity.FindAccountIdAsync(command.Email, cancellationToken);
        var hash = OpaqueTokens.Hash(command.Token);
        var token = accountId is null
            ? null
            : await db.PasswordResetTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.UserId == accountId, cancellationToken);
        if (token is null || !token.IsUsableAt(now))
        {
            throw Invalid();
        }

        // The conditional update is what makes the token single-use when two resets race.
        var redeemed = await db.PasswordResetTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (redeemed == 0)
        {
            throw Invalid();
        }

        var sessions = await db.Sessions.IgnoreQueryFilters().Where(s => s.UserId == token.UserId && s.EndReason == null).ToListAsync(cancellationToken);
        sessions.ForEach(s => s.End(SessionEndReason.PasswordReset, now));

        // Anonymous caller: the event belongs to the account's organization and names the account as its actor.
        var organizationId = await db.Users.IgnoreQueryFilters().Where(u => u.Id == token.UserId).Select(u => u.OrganizationId).FirstAsync(cancellationToken);
        audit.Record(AuditEventTypes.PasswordReset, new { sessionsEnded = sessions.Count }, organizationId, token.UserId);
        var throttle = await db.LoginThrottles.FirstOrDefaultAsync(t => t.Id == LoginThrottleKey.For(identity.NormalizeEmail(command.Email)), cancellationToken);
        throttle?.RegisterSuccess();
        await identity.SetPasswordAsync(token.UserId, command.NewPassword, cancellationToken);
        return Unit.Value;
    }

    private static CXGearException Invalid() =>
        new(ErrorCodes.InvalidResetToken, "This reset link is invalid, expired or already used. Ask for a new one.");
}
