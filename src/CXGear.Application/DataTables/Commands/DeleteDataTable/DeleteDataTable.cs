using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Domain.Audit;
using CXGear.Application.Common.Messaging;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Commands.DeleteDataTable;

/// <summary>
/// Deletes a table with all its rows and gives its unit back to the Data tables meter, in one transaction. A table
/// that spinners run on is 409 CONFLICT.
/// </summary>
public sealed record DeleteDataTableCommand(Guid Id) : ICommand, IRequirePermission
{
    public string Permission => Permissions.DataTablesDelete;
}

public sealed class DeleteDataTableHandler(IApplicationDbContext db, IAuditLog audit, TimeProvider clock) : ICommandHandler<DeleteDataTableCommand>
{
    public async ValueTask<Unit> Handle(DeleteDataTableCommand command, CancellationToken cancellationToken)
    {
        var table = await db.LockForWriteAsync(command.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (await db.Spinners.AnyAsync(s => s.DataTableId == table.Id, cancellationToken))
        {
            // Deleting the table would silently take published automations (and their history) with it.
            throw new CXGearException(ErrorCodes.Conflict, "Spinners run on this table: delete them (or the whole project) first.");
        }

        // One set-based statement, not millions of tracked deletes. The table's unit goes back when it is saved deleted.
        await db.DataRows.Where(r => r.DataTableId == table.Id).ExecuteDeleteAsync(cancellationToken);
        db.DataTables.Remove(table);
        audit.Record(AuditEventTypes.DataTableDeleted, new { dataTableId = table.Id, table.Name, projectId = table.ProjectId, rows = table.RowCount });
        return Unit.Value;
    }
}
