using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Users.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using CXGear.Domain.Sessions;
using CXGear.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Users.Commands.UpdateUser;

/// <summary>
/// Replaces a user's roles and/or sets their status; a field left out (null) is kept. Disabling ends the user's
/// sessions and frees their seat; enabling takes a seat again (403 PLAN_LIMIT when the plan is full).
/// </summary>
public sealed record UpdateUserCommand(Guid Id, IReadOnlyList<Guid>? RoleIds, string? Status) : ICommand<UserDto>, IRequirePermission
{
    public string Permission => Permissions.UsersManage;
}

public sealed class UpdateUserHandler(
    IApplicationDbContext db,
    ICurrentPrincipal principal,
    IPermissionReader permissions,
    IAuditLog audit,
    TimeProvider clock) : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // One unit of work: the last-Admin count, the seat and the change agree, or nothing is written (a full plan
        // on enabling is 403 PLAN_LIMIT at the save, and the user stays as they were).
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Id, cancellationToken) ?? throw UserNotFound.Error();
        var callerPermissions = await permissions.GetPermissionsAsync(principal.UserId!.Value, cancellationToken);
        await db.EnsureWithinReachAsync(user, callerPermissions, cancellationToken);
        var status = UserStatuses.FromWire(command.Status) ?? user.Status;
        var heldRoles = user.Roles.Select(r => r.RoleId).ToList();
        var roleIds = command.RoleIds is { } requested
            ? await db.CheckRoleAssignmentAsync(requested, heldRoles, callerPermissions, cancellationToken)
            : heldRoles;

        var adminBefore = user.IsActive && user.HasRole(SystemRoles.AdminId);
        var adminAfter = status == UserStatus.Active && roleIds.Contains(SystemRoles.AdminId);
        if (adminBefore && !adminAfter)
        {
            await db.EnsureAnotherActiveAdminAsync(user, cancellationToken);
        }

        if (!heldRoles.Order().SequenceEqual(roleIds.Order()))
        {
            user.ReplaceRoles(roleIds);
            audit.Record(AuditEventTypes.UserRolesChanged, new { userId = user.Id, before = heldRoles, after = roleIds });
        }

        if (status == UserStatus.Disabled && user.Disable())
        {
            await EndSessionsAsync(user, now, cancellationToken);
            audit.Record(AuditEventTypes.UserDisabled, new { userId = user.Id });
        }
        else if (status == UserStatus.Active && user.Enable())
        {
            audit.Record(AuditEventTypes.UserEnabled, new { userId = user.Id });
        }

        // Saved here (the unit of work commits) so the DTO reads the roles as they now are.
        await db.SaveChangesAsync(cancellationToken);
        return await db.ToDtoAsync(user, now, cancellationToken);
    }

    /// <summary>A disabled user's open session ends at once; its next request gets 401 SESSION_REVOKED.</summary>
    private async Task EndSessionsAsync(User user, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.Sessions.Where(s => s.UserId == user.Id && s.EndReason == null).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.End(SessionEndReason.UserDisabled, now);
        }
    }
}
