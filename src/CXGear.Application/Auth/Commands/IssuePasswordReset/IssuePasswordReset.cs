using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Auth;
using CXGear.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Auth.Commands.IssuePasswordReset;

/// <summary>
/// Background half of forgot-password: issues a one-hour token (retiring older ones) and returns the mail with the
/// link, which the caller sends once the token is committed (never while holding the write lock, never a link to a
/// token that was rolled back). Unknown or disabled accounts get nothing (null), silently; so does an account that was
/// mailed within the last minute or five times within the hour (<see cref="PasswordResetThrottle"/>), its older link
/// left as it was.
/// </summary>
public sealed record IssuePasswordResetCommand(string Email) : ICommand<EmailMessage?>, IAllowAnonymous;

public sealed class IssuePasswordResetHandler(
    IApplicationDbContext db,
    IIdentityService identity,
    IWebAppLinks links,
    IPasswordResetThrottle throttle,
    TimeProvider clock) : ICommandHandler<IssuePasswordResetCommand, EmailMessage?>
{
    public async ValueTask<EmailMessage?> Handle(IssuePasswordResetCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var accountId = await identity.FindAccountIdAsync(command.Email, cancellationToken);
        var user = accountId is { } id ? await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        if (user is null || !user.IsActive || !await throttle.TryCountMailAsync(user.Id, now, cancellationToken))
        {
            return null;
        }

        var outstanding = await db.PasswordResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ToListAsync(cancellationToken);
        outstanding.ForEach(t => t.Retire(now));
        var token = OpaqueTokens.New();
        db.PasswordResetTokens.Add(PasswordResetToken.Issue(user.Id, OpaqueTokens.Hash(token), now));

        var link = links.ResetPassword(user.Email, token);
        var body =
            $"Hello {user.FullName},\r\n\r\n" +
            "Someone asked to reset the password of your CXGear account. Open this link within one hour to choose a new one:\r\n\r\n" +
            $"{link}\r\n\r\n" +
            "If it was not you, ignore this email: your password stays as it is.\r\n";
        return new EmailMessage(user.Email, "Reset your CXGear password", body);
    }
}
