using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Organizations;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;
using Mediator;

namespace CXGear.Application.Auth.Commands.SignUp;

/// <summary>Creates an organization on the Trial plan, its first Admin, and a signed-in session.</summary>
public sealed record SignUpCommand(string FullName, string OrganizationName, string Email, string Password, string? DeviceLabel)
    : ICommand<AuthResult>, IAllowAnonymous;

public sealed class SignUpHandler(
    IApplicationDbContext db,
    IIdentityService identity,
    IClientInfo client,
    TokenPairFactory tokenPairs,
    IAuditLog audit,
    TimeProvider clock) : ICommandHandler<SignUpCommand, AuthResult>
{
    public async ValueTask<AuthResult> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await identity.EmailExistsAsync(command.Email, cancellationToken))
        {
            throw EmailTaken.Error();
        }

        var organization = Organization.SignUp(command.OrganizationName, now);
        var user = User.Create(organization.Id, command.FullName, command.Email, [SystemRoles.AdminId], now);
        user.RecordLogin(now);
        var session = Session.Start(user.Id, organization.Id, DeviceLabels.Resolve(command.DeviceLabel, client.UserAgent), client.IpAddress, now);
        db.Organizations.Add(organization);
        db.Users.Add(user);
        db.Sessions.Add(session);

        // The founder, an active user, is counted as the first seat of the Users meter when the unit of work saves.
        var result = tokenPairs.Issue(user, organization, session, now);

        // The caller is anonymous until this commits, so the new organization and founder are named explicitly.
        audit.Record(AuditEventTypes.SignUp, new { organizationName = organization.Name, email = user.Email, sessionId = session.Id, deviceLabel = session.DeviceLabel }, organization.Id, user.Id);

        // The identity store saves the whole unit of work; its unique email index settles a race between two sign-ups.
        await identity.CreateAccountAsync(user.Id, command.Email, command.Password, cancellationToken);
        return result;
    }
}
