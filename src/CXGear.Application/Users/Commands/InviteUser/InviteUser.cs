using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Users.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Users;
using Mediator;

namespace CXGear.Application.Users.Commands.InviteUser;

/// <summary>
/// Creates a usable account at once (no pending invite): the person signs in with the temporary password.
/// Takes a seat of the Users meter in the same transaction (full plan: 403 PLAN_LIMIT, nothing created).
/// </summary>
public sealed record InviteUserCommand(string FullName, string Email, string TemporaryPassword, IReadOnlyList<Guid>? RoleIds)
    : ICommand<UserDto>, IRequirePermission
{
    public string Permission => Permissions.UsersManage;
}

public sealed class InviteUserHandler(
    IApplicationDbContext db,
    IIdentityService identity,
    ICurrentPrincipal principal,
    IPermissionReader permissions,
    IAuditLog audit,
    TimeProvider clock) : ICommandHandler<InviteUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(InviteUserCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // The product leans new invites toward Agent; a user always holds at least one role.
        IReadOnlyList<Guid> requested = command.RoleIds is { Count: > 0 } ids ? ids : [SystemRoles.AgentId];
        var callerPermissions = await permissions.GetPermissionsAsync(principal.UserId!.Value, cancellationToken);
        var roleIds = await db.CheckRoleAssignmentAsync(requested, alreadyHeld: [], callerPermissions, cancellationToken);
        if (await identity.EmailExistsAsync(command.Email, cancellationToken))
        {
            throw EmailTaken.Error();
        }

        var user = User.Create(principal.OrganizationId!.Value, command.FullName, command.Email, roleIds, now);
        db.Users.Add(user);
        audit.Record(AuditEventTypes.UserInvited, new { userId = user.Id, user.Email, roleIds });

        // The identity store saves the whole unit of work; its unique email index settles a race with another invite or sign-up.
        await identity.CreateAccountAsync(user.Id, command.Email, command.TemporaryPassword, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ToDtoAsync(user, now, cancellationToken);
    }
}
