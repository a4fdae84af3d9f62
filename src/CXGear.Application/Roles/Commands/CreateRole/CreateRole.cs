using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Application.Roles.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Authorization;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Roles.Commands.CreateRole;

/// <summary>"Extend as new role": a custom role starting from a system role's keys, or the ones given.</summary>
public sealed record CreateRoleCommand(string Name, Guid BasedOnRoleId, IReadOnlyList<string>? Permissions)
    : ICommand<RoleDto>, IRequirePermission
{
    public string Permission => Domain.Authorization.Permissions.RolesManage;
}

public sealed class CreateRoleHandler(IApplicationDbContext db, ICurrentPrincipal principal, IPermissionReader permissions, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateRoleCommand, RoleDto>
{
    public async ValueTask<RoleDto> Handle(CreateRoleCommand command, CancellationToken cancellationToken)
    {
        var basedOn = await db.GetRoleAsync(command.BasedOnRoleId, cancellationToken);
        if (!basedOn.IsSystem)
        {
            throw ValidationFailedException.For("basedOnRoleId", "A custom role extends one of the system roles (Admin, Agent, Supervisor).");
        }

        await db.EnsureNameFreeAsync(command.Name, exceptRoleId: null, cancellationToken);
        var role = Role.Extend(principal.OrganizationId!.Value, basedOn, command.Name, command.Permissions, clock.GetUtcNow().UtcDateTime);
        RoleGrants.EnsureCallerHolds(await permissions.CallerPermissionsAsync(principal, cancellationToken), role.Permissions);
        db.Roles.Add(role);
        audit.Record(AuditEventTypes.RoleCreated, new { roleId = role.Id, role.Name, role.BasedOnRoleId, role.Permissions });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (organization, name) index settles two creations of one name at the same moment.
            throw RoleQueries.DuplicateName(command.Name);
        }

        return RoleDto.From(role, userCount: 0);
    }
}
