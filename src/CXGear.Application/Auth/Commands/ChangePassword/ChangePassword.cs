using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.ChangePassword;

/// <summary>Changes the caller's password; the session in hand survives, every other one ends.</summary>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : ICommand, IRequireSignedIn;

public sealed class ChangePasswordHandler(IApplicationDbContext db, IIdentityService identity, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ChangePasswordCommand>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var userId = principal.UserId!.Value;
        if (!await identity.VerifyPasswordAsync(userId, command.CurrentPassword, cancellationToken))
        {
            throw ValidationFailedException.For("currentPassword", "The current password is not correct.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var others = await db.Sessions.IgnoreQueryFilters()
            .Where(s => s.UserId == userId && s.EndReason == null && s.Id != principal.SessionId)
            .ToListAsync(cancellationToken);
        others.ForEach(s => s.End(SessionEndReason.PasswordChanged, now));
        audit.Record(AuditEventTypes.PasswordChanged, new { sessionsEnded = others.Count });
        await identity.SetPasswordAsync(userId, command.NewPassword, cancellationToken);
        return Unit.Value;
    }
}
