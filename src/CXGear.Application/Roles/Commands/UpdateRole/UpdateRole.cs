using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Application.Roles.Common;
using CXGear.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Roles.Commands.UpdateRole;

/// <summary>Renames a custom role and/or replaces its keys; a field left out (null) is kept.</summary>
public sealed record UpdateRoleCommand(Guid Id, string? Name, IReadOnlyList<string>? Permissions)
    : ICommand<RoleDto>, IRequirePermission
{
    public string Permission => Domain.Authorization.Permissions.RolesManage;
}

public sealed class UpdateRoleHandler(IApplicationDbContext db, ICurrentPrincipal principal, IPermissionReader permissions, IAuditLog audit) : ICommandHandler<UpdateRoleCommand, RoleDto>
{
    public async ValueTask<RoleDto> Handle(UpdateRoleCommand command, CancellationToken cancellationToken)
    {
        var role = await db.GetRoleAsync(command.Id, cancellationToken);
        role.EnsureEditable();
        var callerPermissions = await permissions.CallerPermissionsAsync(principal, cancellationToken);
        await db.EnsureHoldersWithinReachAsync(role.Id, callerPermissions, cancellationToken);
        var before = new { role.Name, Permissions = role.Permissions.ToList() };
        if (command.Name is { } name && !string.Equals(name.Trim(), role.Name, StringComparison.Ordinal))
        {
            await db.EnsureNameFreeAsync(name, exceptRoleId: role.Id, cancellationToken);
            role.Rename(name);
        }

        if (command.Permissions is { } keys)
        {
            role.ReplacePermissions(keys);
            RoleGrants.EnsureCallerHolds(callerPermissions, role.Permissions);
        }

        audit.Record(AuditEventTypes.RoleChanged, new { roleId = role.Id, before, after = new { role.Name, role.Permissions } });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw RoleQueries.DuplicateName(role.Name);
        }

        return await db.ToDtoAsync(role, cancellationToken);
    }
}
