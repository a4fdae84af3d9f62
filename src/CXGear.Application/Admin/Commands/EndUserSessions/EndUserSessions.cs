using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Admin.Commands.EndUserSessions;

/// <summary>How many open sessions the operator ended (0 when the user was signed out already).</summary>
public sealed record EndedSessionsDto(int Ended);

/// <summary>
/// <c>POST /admin/users/{id}/sessions/end</c>: an operator ends a customer user's open sessions (a stolen laptop, a
/// support request) with reason <c>admin_action</c>; the user's next request, and their refresh token, get 401
/// <c>SESSION_REVOKED</c>. The account itself stays usable: the user can sign in again. Platform accounts are not
/// customers' users and are 404 here.
/// </summary>
public sealed record EndUserSessionsCommand(Guid UserId, string? Reason) : ICommand<EndedSessionsDto>, IRequireOperator;

public sealed class EndUserSessionsHandler(IApplicationDbContext db, IAuditLog audit, TimeProvider clock) : ICommandHandler<EndUserSessionsCommand, EndedSessionsDto>
{
    public async ValueTask<EndedSessionsDto> Handle(EndUserSessionsCommand command, CancellationToken cancellationToken)
    {
        // Operators stand outside every organization: this read crosses them on purpose.
        var user = await db.Users.IgnoreQueryFilters()
            .Where(u => u.Id == command.UserId && u.OrganizationId != Organization.PlatformId)
            .Select(u => new { u.Id, u.OrganizationId })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new CXGearException(ErrorCodes.NotFound, $"User {command.UserId} was not found.");

        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Sessions.IgnoreQueryFilters().Where(s => s.UserId == user.Id && s.EndReason == null).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.End(SessionEndReason.AdminAction, now);
        }

        // Filed under the user's organization, so its Admins see it in their trail; the actor is the operator.
        audit.Record(
            AuditEventTypes.SessionRevoked,
            new { userId = user.Id, reason = "admin_action", sessions = open.Count, note = command.Reason },
            user.OrganizationId);
        await db.SaveChangesAsync(cancellationToken);
        return new EndedSessionsDto(open.Count);
    }
}
