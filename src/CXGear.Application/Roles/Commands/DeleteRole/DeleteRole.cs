using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Roles.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Common;
using Mediator;

namespace CXGear.Application.Roles.Commands.DeleteRole;

public sealed record DeleteRoleCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Domain.Authorization.Permissions.RolesManage;
}

public sealed class DeleteRoleHandler(IApplicationDbContext db, IAuditLog audit) : ICommandHandler<DeleteRoleCommand>
{
    public async ValueTask<Unit> Handle(DeleteRoleCommand command, CancellationToken cancellationToken)
    {
        // Counted and deleted in one unit of work, so an assignment made meanwhile cannot be left pointing at nothing.
        var role = await db.GetRoleAsync(command.Id, cancellationToken);
        role.EnsureEditable();
        var holders = (await db.CountHoldersAsync([role.Id], cancellationToken)).GetValueOrDefault(role.Id);
        if (holders > 0)
        {
            // Disabled users count too: they keep their roles and may be enabled again.
            var inUse = new CXGearException(
                ErrorCodes.Conflict,
                $"{role.Name} is assigned to {holders} user(s). Give them another role before deleting it.");
            inUse.Extensions["userCount"] = holders;
            throw inUse;
        }

        db.Roles.Remove(role);
        audit.Record(AuditEventTypes.RoleDeleted, new { roleId = role.Id, role.Name });
        return Unit.Value;
    }
}
