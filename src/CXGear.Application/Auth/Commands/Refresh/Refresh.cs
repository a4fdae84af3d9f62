using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.Refresh;

/// <summary>Trades a refresh token for a new pair. Each token works once; a replayed one ends the session.</summary>
public sealed record RefreshCommand(string RefreshToken) : ICommand<AuthResult>, IAllowAnonymous;

public sealed class RefreshHandler(IApplicationDbContext db, TokenPairFactory tokenPairs, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RefreshCommand, AuthResult>
{
    public async ValueTask<AuthResult> Handle(RefreshCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = OpaqueTokens.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken)
            ?? throw new CXGearException(ErrorCodes.TokenInvalid, "The refresh token is not valid. Sign in again.");

        var session = await db.Sessions.IgnoreQueryFilters().FirstAsync(s => s.Id == token.SessionId, cancellationToken);
        var state = session.StateAt(now);
        if (state != SessionState.Live)
        {
            session.End(SessionEndReason.Expired, now);
            throw state.ToException(keepsChanges: true);
        }

        // Before the claim, so the token is not spent: after a reactivation the same refresh token still works.
        var suspended = await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == session.OrganizationId && o.SuspendedAt != null, cancellationToken);
        if (suspended)
        {
            throw OrganizationStatuses.SuspendedError();
        }

        // Claiming with a conditional update makes two concurrent uses of one token impossible to both win.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        if (claimed == 0)
        {
            session.End(SessionEndReason.RefreshTokenReused, now);

            // A replayed refresh token suggests a stolen one: the operators' trail must show it.
            audit.Record(
                AuditEventTypes.SessionRevoked,
                new { sessionId = session.Id, reason = "refresh_token_reused", deviceLabel = session.DeviceLabel },
                session.OrganizationId,
                session.UserId);
            throw new CXGearException(ErrorCodes.SessionRevoked, "This refresh token was already used, so the session was ended for safety. Sign in again.")
            {
                KeepsChanges = true,
            };
        }

        var user = await db.Users.IgnoreQueryFilters().FirstAsync(u => u.Id == session.UserId, cancellationToken);
        var organization = await db.Organizations.IgnoreQueryFilters().FirstAsync(o => o.Id == session.OrganizationId, cancellationToken);
        session.Touch(now);
        return tokenPairs.Issue(user, organization, session, now);
    }
}
