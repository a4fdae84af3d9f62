using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Domain.Audit;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.DataTables;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.CreateDataTable;

/// <summary>
/// Creates a table in a project, optionally with its columns (else the first CSV import defines them). The Data
/// tables meter counts the new table when the unit of work saves it (full: 403 PLAN_LIMIT, nothing created).
/// </summary>
public sealed record CreateDataTableCommand(Guid ProjectId, string Name, IReadOnlyList<string>? Columns)
    : ICommand<DataTableDto>, IRequirePermission
{
    public string Permission => Permissions.ProjectsWrite;
}

public sealed class CreateDataTableHandler(IApplicationDbContext db, ICurrentPrincipal principal, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateDataTableCommand, DataTableDto>
{
    public async ValueTask<DataTableDto> Handle(CreateDataTableCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Projects.AnyAsync(p => p.Id == command.ProjectId, cancellationToken))
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Project {command.ProjectId} was not found.");
        }

        var table = DataTable.Create(
            principal.OrganizationId!.Value,
            command.ProjectId,
            command.Name,
            command.Columns,
            principal.UserId!.Value,
            clock.GetUtcNow().UtcDateTime);
        db.DataTables.Add(table);
        audit.Record(AuditEventTypes.DataTableCreated, new { dataTableId = table.Id, table.Name, projectId = table.ProjectId });
        await db.SaveChangesAsync(cancellationToken);
        return DataTableDto.From(table);
    }
}
