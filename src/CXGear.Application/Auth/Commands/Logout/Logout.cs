using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.Logout;

public sealed record LogoutCommand : ICommand, IRequireSignedIn;

public sealed class LogoutHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.IgnoreQueryFilters().FirstAsync(s => s.Id == principal.SessionId, cancellationToken);
        session.End(SessionEndReason.LoggedOut, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditEventTypes.Logout, new { sessionId = session.Id, deviceLabel = session.DeviceLabel });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
